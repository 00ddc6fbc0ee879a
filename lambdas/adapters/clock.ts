import type { Clock } from '../core/ports/clock.js';

export const systemClock: Clock = () => new Date();
