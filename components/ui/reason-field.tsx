/** A one-line-per-thought reason box (SPEC: 1–1,000 characters, no control characters, so no newlines). */
export function ReasonField({ label, value, onChange, required, placeholder }: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
  placeholder?: string;
}) {
  return (
    <label className="block text-sm">
      <span className="mb-1 block font-medium">{label}</span>
      <textarea
        value={value}
        onChange={(e) => onChange(e.target.value.replace(/[\r\n\t]+/g, " "))}
        required={required}
        maxLength={1000}
        rows={3}
        placeholder={placeholder}
        className="w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm text-zinc-900 placeholder:text-zinc-500 focus-visible:outline-2 focus-visible:outline-sky-600 dark:border-zinc-700 dark:bg-zinc-950 dark:text-zinc-100 dark:placeholder:text-zinc-400"
      />
    </label>
  );
}
