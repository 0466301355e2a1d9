/**
 * What a page does when an admin changes something: busy while it runs, a message when it is done (or the server's
 * reason when it fails), then the page reads its data again.
 */
import { App } from "antd";
import { useState } from "react";

export interface Said<T> {
  /** the message when done; from the answer when it says more (已确认：…列入分工) */
  ok?: string | ((answer: T) => string);
  /** put before the server's reason when it fails: 保存失败：… */
  fail?: string;
}

export function useAction(reload?: () => unknown) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  /** Runs the change; true when it was done. */
  const run = async <T>(what: () => Promise<T>, said: Said<T> = {}): Promise<boolean> => {
    setBusy(true);
    try {
      const answer = await what();
      if (said.ok) message.success(typeof said.ok === "function" ? said.ok(answer) : said.ok);
      await reload?.();
      return true;
    } catch (e) {
      message.error(said.fail ? `${said.fail}：${(e as Error).message}` : (e as Error).message);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, run };
}
