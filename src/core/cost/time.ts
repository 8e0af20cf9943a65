import type { TimeWindow } from '../pricing/schema';

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    } catch {
      throw new Error(`unknown IANA time zone "${timeZone}"`);
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/** Weekday (0 = Sunday) and minutes since midnight of an instant, on the wall clock of `timeZone`. */
export function wallClock(at: Date, timeZone: string): { day: number; minutes: number } {
  if (Number.isNaN(at.getTime())) throw new Error('invalid date');
  const parts = formatterFor(timeZone).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = WEEKDAYS[get('weekday')];
  const hour = Number(get('hour')) % 24;
  const minute = Number(get('minute'));
  if (day === undefined || !Number.isFinite(hour) || !Number.isFinite(minute)) {
    throw new Error(`could not read the wall clock in ${timeZone}`);
  }
  return { day, minutes: hour * 60 + minute };
}

function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

/**
 * Whether `at` falls in the window. `days` names the day a window *starts* on, so a Friday
 * 22:00–02:00 window still applies at 01:00 on Saturday. start == end means a full 24 hours.
 */
export function isInTimeWindow(window: TimeWindow, at: Date): boolean {
  const { day, minutes } = wallClock(at, window.timezone);
  const start = toMinutes(window.start);
  const end = toMinutes(window.end);
  const startsOn = (d: number) => !window.days || window.days.includes(d);
  if (start < end) return minutes >= start && minutes < end && startsOn(day);
  const previousDay = (day + 6) % 7;
  return (minutes >= start && startsOn(day)) || (minutes < end && startsOn(previousDay));
}

/** The first window in effect at `at`, if any. */
export function activeTimeWindow(windows: readonly TimeWindow[] | undefined, at: Date): TimeWindow | undefined {
  return windows?.find((w) => isInTimeWindow(w, at));
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** How old a `checked` date (YYYY-MM-DD) is, and whether that is older than `limitDays`. */
export function staleness(checked: string, now: Date, limitDays = 30): { stale: boolean; ageDays: number } {
  const checkedAt = Date.parse(`${checked}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(checked) || Number.isNaN(checkedAt)) throw new Error(`invalid checked date "${checked}": expected YYYY-MM-DD`);
  if (Number.isNaN(now.getTime())) throw new Error('invalid current date');
  const ageDays = Math.max(0, Math.floor((now.getTime() - checkedAt) / DAY_MS));
  return { stale: ageDays > limitDays, ageDays };
}
