import { isMaintenanceKind } from '../incident/vocabulary.js';
import type { UpdateAnswer } from '../incident/answer-schemas.js';

// The colours status pages use, as Discord wants them: one RGB integer.
const green = 0x2ecc71;
const red = 0xe74c3c;
const orange = 0xe67e22;
const yellow = 0xf1c40f;
const blue = 0x3498db;
const grey = 0x95a5a6;

/**
 * The bar colour of an update's Discord embed: green once resolved or completed, blue for other
 * maintenance, else by impact (critical red, major orange, minor yellow, none grey).
 *
 * @example
 * discordEmbedColor({ kind: 'update', status: 'identified', impact: 'critical' }); // 0xe74c3c
 */
export function discordEmbedColor({ kind, status, impact }: Pick<UpdateAnswer, 'kind' | 'status' | 'impact'>): number {
  if (status === 'resolved' || status === 'completed') return green;
  if (isMaintenanceKind(kind)) return blue;
  switch (impact) {
    case 'critical':
      return red;
    case 'major':
      return orange;
    case 'minor':
      return yellow;
    case 'none':
      return grey;
  }
}
