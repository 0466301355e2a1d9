import { describe, expect, it } from "vitest";
import { COMMON_PASSWORDS } from "./common-passwords.js";
import { MIN_PASSWORD_LENGTH, passwordMessage, passwordProblems } from "./password.js";
import { generatePassword } from "./users.js";

describe("password policy", () => {
  it("accepts long passwords of three kinds, and passphrases", () => {
    expect(passwordProblems("Harbour-lights-42", "zhangsan")).toEqual([]);
    expect(passwordProblems("qiu7TIAN8lai9", "zhangsan")).toEqual([]);
    // a passphrase of 16 or more needs no mix of kinds; Chinese characters count as symbols
    expect(passwordProblems("春眠不觉晓处处闻啼鸟夜来风雨声花落知多少", "zhangsan")).toEqual([]);
    expect(passwordProblems("长河落日圆-2024-qiu", "zhangsan")).toEqual([]);
  });

  it("names every rule a password breaks", () => {
    expect(passwordProblems("Ab1!x", "zhangsan")).toEqual(["too_short"]);
    expect(passwordProblems("abcdefghijkl", "zhangsan")).toEqual(["few_kinds"]);
    expect(passwordProblems("aaaaaaaaaaaaaaaaaaaa", "zhangsan")).toEqual(["repetitive"]);
    expect(passwordProblems("Zhangsan-2024", "zhangsan")).toEqual(["contains_username"]);
    expect(passwordProblems("x-ZHANGSAN-9x", "ZhangSan")).toEqual(["contains_username"]);
    expect(passwordProblems("short", "zhangsan")).toEqual(["too_short", "few_kinds"]);
    expect(passwordMessage(["too_short", "contains_username"])).toBe(`密码不符合要求：至少 ${MIN_PASSWORD_LENGTH} 个字符；不能包含用户名`);
  });

  it("refuses common passwords, and common words dressed with digits and symbols", () => {
    for (const p of ["Password123!", "P@ssw0rd2024", "Admin@123456", "Qwerty12345!", "Woaini1314!", "Aa123456789", "1qaz@WSX3edc", "2024Welcome!!", "Luoshi-2024"]) {
      expect(passwordProblems(p, "zhangsan"), p).toContain("common");
    }
    // the list's long entries are refused as they are
    for (const p of COMMON_PASSWORDS.filter((x) => x.length >= MIN_PASSWORD_LENGTH)) expect(passwordProblems(p, "nobody-here"), p).toContain("common");
    // a common word inside a longer one is fine
    expect(passwordProblems("Passwordless-Tuesday-7", "zhangsan")).toEqual([]);
  });

  it("lets a two-letter name appear in a password, but not be it", () => {
    expect(passwordProblems("Li-Bai-drinks-7", "li")).toEqual([]);
    expect(passwordProblems("Abcdefghi9", "abcdefghi9")).toContain("contains_username");
  });

  it("generates passwords the policy accepts", () => {
    for (let i = 0; i < 500; i++) expect(passwordProblems(generatePassword("admin"), "admin")).toEqual([]);
  });
});
