import { useEffect, useState } from "preact/hooks";

/** Renders from a framework-free store (`getState` + `subscribe`), e.g. the PosController. */
export function useStore<T>(store: { getState(): T; subscribe(fn: (state: T) => void): () => void }): T {
  const [state, setState] = useState(store.getState);
  useEffect(() => {
    setState(store.getState());
    return store.subscribe(setState);
  }, [store]);
  return state;
}

/** The value of a POS signal-like (connectivity, cart), re-rendering on change. */
export function useSignalValue<T>(signal: {
  readonly value: T;
  subscribe(fn: (value: T) => void): () => void;
}): T {
  const [value, setValue] = useState(() => signal.value);
  useEffect(() => {
    setValue(signal.value);
    return signal.subscribe(setValue);
  }, [signal]);
  return value;
}
