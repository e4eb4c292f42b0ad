// Due dates are calendar days (YYYY-MM-DD) in the user's own time zone.

export function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export const isOverdue = (dueDate: string | null, completed: boolean): boolean =>
  !completed && dueDate !== null && dueDate < today();

const format = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

export function formatDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  if (day === today()) return "today";
  return format.format(date);
}
