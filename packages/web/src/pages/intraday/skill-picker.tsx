import type { Skill } from '@floorplan/contracts';

interface Props {
  skills: readonly Skill[];
  value: string;
  onChange(skillId: string): void;
}

export function SkillPicker({ skills, value, onChange }: Props) {
  return (
    <label>
      Skill
      <select value={value} onChange={(e) => onChange(e.target.value)} data-testid="skill-picker">
        {skills.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name} ({s.channel.toLowerCase()}, {s.timeZone})
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * What a skill page shows instead of its filters while the skills load, fail or do not exist yet;
 * `null` once there are skills to pick.
 */
export function skillsStatus(skills: { isPending: boolean; error: Error | null; data?: readonly Skill[] | undefined }) {
  if (skills.isPending) return <p role="status">Loading skills…</p>;
  if (skills.error) {
    return (
      <p role="alert" className="error">
        Could not load skills: {skills.error.message}
      </p>
    );
  }
  if ((skills.data ?? []).length === 0) return <p>No skills are set up yet.</p>;
  return null;
}
