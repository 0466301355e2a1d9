/** Assertions on the errors readers throw. */
import { expect } from "vitest";
import { DocumentError } from "../../src/text/errors.js";

/** The DocumentError a promise rejects with; fails the test unless it is one, with a one-line message. */
export async function failure(p: Promise<unknown>): Promise<DocumentError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DocumentError);
  expect((err as DocumentError).message).not.toContain("\n");
  return err as DocumentError;
}
