// The generated contact center's setup as plain data, referenced by name: the writer resolves the
// names to the ids the setup API hands back. Seeded, so the same options give the same center.
import { streamFor } from './seeds.js';

export type Channel = 'VOICE' | 'CHAT';
export type Category = 'OPEN' | 'BREAK' | 'LUNCH' | 'MEETING' | 'TRAINING';

export interface PlannedCode {
  name: string;
  displayAs: Category;
  open: boolean;
  priority: number;
  paid: boolean;
  color: string;
}

/** `code` names a planned code or one of the built-ins `Login` / `Logoff`. */
export interface PlannedMapping {
  eventCode: string;
  reasonCode: string;
  code: string;
}

export interface PlannedSkill {
  name: string;
  channel: Channel;
  color: string;
  queueValue: string;
  /** Mean offered contacts of a Wednesday (weekday factor 1). */
  dailyVolume: number;
  ahtSeconds: number;
  /**
   * Sized by Erlang A with the patience estimated from the generated abandons (engine spec §6.3);
   * the others by Erlang C.
   */
  erlangA?: boolean;
}

export interface PlannedEmployee {
  /** 0-based position: the key of the employee's random streams. */
  index: number;
  name: string;
  email: string;
  loginId: string;
  /** Names of planned skills, the primary first. */
  skills: string[];
}

export interface SetupPlan {
  timeZone: string;
  codes: PlannedCode[];
  mappings: PlannedMapping[];
  skills: PlannedSkill[];
  employees: PlannedEmployee[];
}

export interface SetupOptions {
  seed: number;
  agents: number;
  skills: number;
  timeZone: string;
}

/** Name of every generated activity code: what `generate` looks for to detect an earlier run. */
export const GENERATED_CODES: readonly PlannedCode[] = [
  { name: 'Open', displayAs: 'OPEN', open: true, priority: 5, paid: true, color: '#2E7D32' },
  { name: 'Break', displayAs: 'BREAK', open: false, priority: 2, paid: true, color: '#F9A825' },
  { name: 'Lunch', displayAs: 'LUNCH', open: false, priority: 2, paid: false, color: '#EF6C00' },
  { name: 'Meeting', displayAs: 'MEETING', open: false, priority: 3, paid: true, color: '#1565C0' },
  { name: 'Training', displayAs: 'TRAINING', open: false, priority: 3, paid: true, color: '#6A1B9A' },
];

/** What the feeder emits, and what each means. Reasons are matched exactly; `*` is the fallback. */
export const GENERATED_MAPPINGS: readonly PlannedMapping[] = [
  { eventCode: 'LoggedIn', reasonCode: '*', code: 'Login' },
  { eventCode: 'LoggedOut', reasonCode: '*', code: 'Logoff' },
  { eventCode: 'Available', reasonCode: '*', code: 'Open' },
  { eventCode: 'Inbound', reasonCode: '*', code: 'Open' },
  { eventCode: 'Outbound', reasonCode: '*', code: 'Open' },
  { eventCode: 'ACW', reasonCode: '*', code: 'Open' },
  { eventCode: 'Unavailable', reasonCode: 'Break', code: 'Break' },
  { eventCode: 'Unavailable', reasonCode: 'Lunch', code: 'Lunch' },
  { eventCode: 'Unavailable', reasonCode: 'Meeting', code: 'Meeting' },
  { eventCode: 'Unavailable', reasonCode: 'Training', code: 'Training' },
  // An unscheduled "Personal" pause (and any other reason) counts as a break.
  { eventCode: 'Unavailable', reasonCode: '*', code: 'Break' },
];

const SKILL_CATALOGUE: readonly Omit<PlannedSkill, 'dailyVolume'>[] = [
  { name: 'Sales', channel: 'VOICE', color: '#1E88E5', queueValue: '8057', ahtSeconds: 300 },
  { name: 'Support', channel: 'VOICE', color: '#43A047', queueValue: '8058', ahtSeconds: 420, erlangA: true },
  { name: 'Chat', channel: 'CHAT', color: '#8E24AA', queueValue: '9001', ahtSeconds: 360 },
  { name: 'Billing', channel: 'VOICE', color: '#F4511E', queueValue: '8059', ahtSeconds: 330 },
  { name: 'Retention', channel: 'VOICE', color: '#6D4C41', queueValue: '8060', ahtSeconds: 480 },
];
/** Share of the volume per catalogue position (renormalised to the skills generated). */
const SKILL_WEIGHTS = [0.4, 0.3, 0.15, 0.1, 0.05];

const FIRST = ['Alice', 'Bruno', 'Chloé', 'David', 'Emma', 'Farid', 'Giulia', 'Hugo', 'Inès', 'Jonas', 'Karim', 'Léa', 'Marc', 'Nora', 'Oscar', 'Paula', 'Quentin', 'Rosa', 'Samir', 'Tess', 'Ugo', 'Vera', 'Wassim', 'Yasmine', 'Zoé'];
const LAST = ['Martin', 'Bernard', 'Dubois', 'Laurent', 'Moreau', 'Garcia', 'Roux', 'Fontaine', 'Rossi', 'Müller', 'Silva', 'Nguyen', 'Petit', 'Lefèvre', 'Costa', 'Janssen'];

/** First ACD login; agent `i` has `FIRST_LOGIN + i`. */
export const FIRST_LOGIN = 5001;

/** Contacts one full-time agent-day absorbs, used to size the volume to the headcount. */
const CONTACTS_PER_AGENT_DAY = 55;

function skillOf(i: number): Omit<PlannedSkill, 'dailyVolume'> {
  const known = SKILL_CATALOGUE[i];
  if (known) return known;
  const n = i + 1;
  return { name: `Skill ${n}`, channel: 'VOICE', color: '#546E7A', queueValue: String(8100 + n), ahtSeconds: 360 };
}

/**
 * The setup of a generated center: the five codes, the event mapping, `skills` skills (Sales 8057,
 * Support 8058, Chat 9001, then Billing, Retention, "Skill n") whose volumes add up to what
 * `agents` agents can answer on a weekday, and `agents` employees with logins 5001… and one or two
 * skills each.
 *
 * @example
 * planSetup({ seed: 1, agents: 50, skills: 3, timeZone: 'Europe/Paris' }).employees[0]?.loginId; // '5001'
 */
export function planSetup(o: SetupOptions): SetupPlan {
  const random = streamFor(o.seed, 'setup');
  const weights = Array.from({ length: o.skills }, (_, i) => SKILL_WEIGHTS[i] ?? 0.05);
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  // About 5 in 7 agents work on a weekday.
  const weekdayVolume = (o.agents * 5 * CONTACTS_PER_AGENT_DAY) / 7;
  const skills = weights.map((w, i) => {
    const base = skillOf(i);
    // Longer handle times answer fewer contacts in the same staffed time.
    return { ...base, dailyVolume: Math.max(20, Math.round(((weekdayVolume * w) / totalWeight) * (300 / base.ahtSeconds))) };
  });
  const employees: PlannedEmployee[] = [];
  for (let i = 0; i < o.agents; i++) {
    const first = FIRST[i % FIRST.length] as string;
    const last = LAST[Math.floor(i / FIRST.length) % LAST.length] as string;
    const loginId = String(FIRST_LOGIN + i);
    const primary = pickWeighted(random(), weights);
    const names = [skills[primary]!.name];
    if (skills.length > 1 && random() < 0.4) {
      const second = (primary + 1 + Math.floor(random() * (skills.length - 1))) % skills.length;
      names.push(skills[second]!.name);
    }
    const ascii = `${first}.${last}`.normalize('NFD').replace(/[^A-Za-z.]/g, '').toLowerCase();
    employees.push({ index: i, name: `${first} ${last} ${loginId}`, email: `${ascii}.${loginId}@generated.floorplan.test`, loginId, skills: names });
  }
  return { timeZone: o.timeZone, codes: [...GENERATED_CODES], mappings: [...GENERATED_MAPPINGS], skills, employees };
}

function pickWeighted(u: number, weights: readonly number[]): number {
  const total = weights.reduce((a, b) => a + b, 0);
  let acc = 0;
  for (let i = 0; i < weights.length; i++) {
    acc += weights[i]! / total;
    if (u < acc) return i;
  }
  return weights.length - 1;
}
