/**
 * Buttons say what they open, and no two on a card read the same: two apps or profiles may share a
 * display name (Entra does not make names unique), so a repeated label gets the start of its id.
 */
import type { CommandButton } from '../../cards/render';

export function distinctLabels(buttons: readonly CommandButton[]): CommandButton[] {
  const counts = new Map<string, number>();
  for (const button of buttons) counts.set(button.title, (counts.get(button.title) ?? 0) + 1);
  return buttons.map((button) => {
    if ((counts.get(button.title) ?? 0) < 2) return button;
    const id = button.command.split(' ').find((word) => /^[0-9a-f]{8}-[0-9a-f-]{27}$/i.test(word)) ?? button.command.split(' ').pop() ?? '';
    return { ...button, title: `${button.title} (${id.slice(0, 8)})` };
  });
}
