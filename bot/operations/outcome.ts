import type { Command } from '../commands/types';
import type { Profile, ProfileStatus } from '../graph/types';

/** What the bot shows, as data; the presenter maps each view to exactly one card builder. */
export type View =
  | { kind: 'help' }
  | { kind: 'profileList'; profiles: { profile: Profile; status?: ProfileStatus }[] }
  /** The command is understood, but its operation is not built yet: say so, run nothing. */
  | { kind: 'planned'; command: Command };

export type Outcome =
  | { kind: 'info'; view: View }
  | { kind: 'notFound'; what: 'profile' | 'app' | 'job'; query: string; closest: string[] }
  | { kind: 'chooseOne'; what: 'profile' | 'app'; query: string; options: { label: string; command: string }[] }
  | { kind: 'refused'; title: string; reason: string };
