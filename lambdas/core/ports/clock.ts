/** The wall clock, behind a seam so tests hold time still or move it at will. */
export type Clock = () => Date;
