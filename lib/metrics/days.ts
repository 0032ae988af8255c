/** UTC calendar days as 'YYYY-MM-DD' strings, the form the API and the SQL use. */
export type IsoDay = string;

const DAY_MS = 86_400_000;

export const isoDay = (date: Date): IsoDay => date.toISOString().slice(0, 10);

export const addDays = (day: IsoDay, days: number): IsoDay => isoDay(new Date(Date.parse(day) + days * DAY_MS));

/** Days from `from` to `to`, both included. */
export const daysBetween = (from: IsoDay, to: IsoDay): number => (Date.parse(to) - Date.parse(from)) / DAY_MS + 1;
