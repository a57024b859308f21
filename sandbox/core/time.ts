/** One day in milliseconds (the fakes' and the seed's calendar arithmetic, in UTC). */
export const DAY_MS = 86_400_000;
