import { useEffect, useState } from "preact/hooks";

/** Shopify's `SubscribableSignalLike` (what the extension APIs hand out), the part we read. */
export interface SignalLike<T> {
  readonly value: T;
  subscribe(fn: (value: T) => void): () => void;
}

/** The current value of a Shopify signal-like, re-rendering when it changes. */
export function useSignalValue<T>(signal: SignalLike<T>): T {
  const [value, setValue] = useState(() => signal.value);
  useEffect(() => {
    setValue(signal.value);
    return signal.subscribe(setValue);
  }, [signal]);
  return value;
}

/** A framework-free store rendered by Preact (controllers keep their state in one of these). */
export function useStore<T>(store: { getState(): T; subscribe(fn: (state: T) => void): () => void }): T {
  const [state, setState] = useState(store.getState);
  useEffect(() => {
    setState(store.getState());
    return store.subscribe(setState);
  }, [store]);
  return state;
}

/** A tiny observable state holder for controllers. */
export function createStore<T>(initial: T) {
  let state = initial;
  const listeners = new Set<(state: T) => void>();
  return {
    getState: () => state,
    setState(next: T | ((previous: T) => T)) {
      state = typeof next === "function" ? (next as (previous: T) => T)(state) : next;
      for (const listener of listeners) listener(state);
    },
    subscribe(fn: (state: T) => void) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
}
export type Store<T> = ReturnType<typeof createStore<T>>;
