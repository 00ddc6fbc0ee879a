/** The wall clock, behind a seam so tests can hold time still. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
