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
