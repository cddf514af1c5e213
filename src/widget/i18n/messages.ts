import type { ru } from './ru.js';

/** Turns the Russian catalogue's literal types into the shape every catalogue must have. */
type Widen<T> = T extends string
  ? string
  : T extends (...args: infer A) => string
    ? (...args: A) => string
    : T extends readonly string[]
      ? readonly string[]
      : { [K in keyof T]: Widen<T[K]> };

export type Messages = Widen<typeof ru>;
