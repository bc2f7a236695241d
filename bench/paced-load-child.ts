/** The child side of `pacedLoadInChild` (bench/paced-load.ts): one paced run, its result sent back. */
import { pacedLoad } from "./paced-load";

process.once("message", (message) => {
  const { port, rate, seconds, paths } = message as {
    port: number;
    rate: number;
    seconds: number;
    paths: string[];
  };
  const path = (i: number) => paths[i % paths.length]!;
  void (async () => {
    // One untimed second first: this process's HTTP client is compiled and its sockets are open
    // before the timed run, as the parent's were.
    await pacedLoad({ port, rate, seconds: 1, path });
    const result = await pacedLoad({ port, rate, seconds, path });
    process.send!(result, () => process.exit(0));
  })();
});
