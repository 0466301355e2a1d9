// A worker thread of bench/ingest.mjs: bytes in, a prepared document out (parsed and segmented, ready to store).
// The bytes go back by transfer, not by copy: this thread has no more use for them.
import { parentPort } from "node:worker_threads";
import { parseBytes } from "../dist/parse/index.js";
import { prepareIngest } from "../dist/track/ingest.js";

parentPort.on("message", async ({ id, bytes, name }) => {
  try {
    const prepared = await prepareIngest(parseBytes, bytes, name);
    parentPort.postMessage({ id, prepared }, [prepared.bytes.buffer]);
  } catch (err) {
    parentPort.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
});
