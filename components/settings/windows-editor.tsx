"use client";

import type { SettingsChoices, WindowSetting } from "@/lib/views/pipeline-settings";
import { Button } from "../ui/button";
import { Section } from "../ui/section";
import { Checkbox, SelectField, TextField } from "./inputs";
import { FieldGroup, hintStyle } from "./field-errors";

type Choices = Pick<SettingsChoices, "weekdays" | "timeZones">;

/** A new window's first guess: working hours on weekdays in the viewer's zone. */
function newWindow({ weekdays, timeZones }: Choices): WindowSetting {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return { days: weekdays.slice(0, 5), from: "09:00", to: "17:00", timeZone: timeZones.includes(zone) ? zone : "UTC" };
}

const dayLabel = (day: string) => day.charAt(0).toUpperCase() + day.slice(1);

function WindowRow({ index, window, onChange, onRemove, choices }: {
  index: number;
  window: WindowSetting;
  onChange: (window: WindowSetting) => void;
  onRemove: () => void;
  choices: Choices;
}) {
  const field = (name: string) => `windows.${index}.${name}`;
  const toggle = (day: string, on: boolean) =>
    onChange({ ...window, days: choices.weekdays.filter((d) => (d === day ? on : window.days.includes(d))) });
  return (
    <li>
      <fieldset className="space-y-3 rounded-md border border-zinc-200 p-3 dark:border-zinc-800" data-testid="window">
        <legend className="px-1 text-sm font-semibold">Window {index + 1}</legend>
        <FieldGroup name={field("days")} legend="Days">
          <div className="flex flex-wrap gap-3">
            {choices.weekdays.map((day) => (
              <Checkbox key={day} label={dayLabel(day)} checked={window.days.includes(day)} onChange={(on) => toggle(day, on)} />
            ))}
          </div>
        </FieldGroup>
        <div className="grid gap-3 sm:grid-cols-3">
          <TextField name={field("from")} label="Opens at" type="time" value={window.from} onChange={(from) => onChange({ ...window, from })} />
          <TextField name={field("to")} label="Closes at" hint="Before the opening: the window crosses midnight." type="time" value={window.to} onChange={(to) => onChange({ ...window, to })} />
          <SelectField
            name={field("timeZone")}
            label="Time zone"
            value={window.timeZone}
            onChange={(timeZone) => onChange({ ...window, timeZone })}
            options={choices.timeZones.map((zone) => [zone, zone] as const)}
          />
        </div>
        <Button onClick={onRemove}>Remove window {index + 1}</Button>
      </fieldset>
    </li>
  );
}

/** When CD may deploy (SPEC "Guardrails"); none means any time. */
export function WindowsEditor({ windows, onChange, choices }: { windows: WindowSetting[]; onChange: (windows: WindowSetting[]) => void; choices: Choices }) {
  return (
    <Section title="Deploy windows" id="settings-windows">
      <p className={`${hintStyle} mb-3`}>
        {windows.length === 0 ? "No windows: continuous deployment may deploy at any time." : "Outside these windows continuous deployment waits."} Promote and
        rollback stay allowed at any time.
      </p>
      <FieldGroup name="windows" legend="Windows">
        <ol className="space-y-3">
          {windows.map((window, index) => (
            <WindowRow
              key={index}
              index={index}
              window={window}
              choices={choices}
              onChange={(changed) => onChange(windows.map((w, i) => (i === index ? changed : w)))}
              onRemove={() => onChange(windows.filter((_, i) => i !== index))}
            />
          ))}
        </ol>
        <Button className="mt-3" onClick={() => onChange([...windows, newWindow(choices)])}>
          Add a window
        </Button>
      </FieldGroup>
    </Section>
  );
}
