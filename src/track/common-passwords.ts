/**
 * Passwords and password stems that guessing tools try first: from the public top lists (international and
 * Chinese sites' leaks) and the words of this application. A password is refused when, in lower case, it is one
 * of PASSWORDS, or when what remains after stripping digits and symbols from its ends is one of STEMS
 * (`Password2024!`, `Admin@123`, `Woaini1314.`). Shorter than the policy's minimum is refused anyway, so the
 * whole passwords listed are the long ones.
 */
export const COMMON_PASSWORDS: readonly string[] = [
  "1234567890", "12345678910", "123456789a", "123456789q", "1234567890q", "0123456789", "9876543210", "1111111111",
  "a123456789", "a1234567890", "aa123456789", "aa1234567890", "abc123456789", "abcd1234567", "abcd12345678",
  "qq123456789", "qwe123456789", "qwer1234567", "asd123456789", "zxc123456789", "aaa123456789", "q1w2e3r4t5",
  "q1w2e3r4t5y6", "1q2w3e4r5t", "1q2w3e4r5t6y", "1qaz2wsx3edc", "1qaz@wsx3edc", "1qaz!qaz2wsx", "1qazxsw23edc",
  "zaq12wsxcde3", "qazwsxedcrfv", "qwertyuiop", "qwertyuiop123", "asdfghjkl", "asdfghjkl123", "zxcvbnm123",
  "zxcvbnm,./", "1q2w3e4r", "1qaz2wsx", "1qaz@wsx", "qwer!@#$", "!qaz2wsx", "!qaz@wsx", "p@ssw0rd123",
  "p@ssword123", "passw0rd123", "password123", "password1234", "password@123", "password#123", "password!123",
  "admin123456", "admin@123456", "admin12345678", "administrator", "root123456", "welcome123", "welcome@123",
  "iloveyou123", "woaini1314", "woaini520", "a5201314", "5201314520", "wo5201314", "iloveyou1314", "abcdefghij",
  "abcdefg123", "abc@123456", "aa123456..", "qq5201314", "huawei123456", "zhang123456", "wang123456",
  "li123456789", "chen123456", "liu123456789", "changeme123", "letmein123", "trustno1234", "football123",
  "baseball123", "superman123", "dragon123456", "monkey123456", "sunshine123", "princess123", "starwars123",
];

export const COMMON_STEMS: readonly string[] = [
  "password", "passwd", "passw0rd", "p@ssw0rd", "p@ssword", "pass", "pwd", "mima", "admin", "administrator", "root",
  "system", "sysadmin", "manager", "test", "tester", "guest", "user", "login", "secret", "default", "changeme",
  "welcome", "letmein", "hello", "iloveyou", "woaini", "loveyou", "qwerty", "qwertyuiop", "qwer", "asdf",
  "asdfgh", "asdfghjkl", "zxcv", "zxcvbn", "zxcvbnm", "qazwsx", "qaz", "wsx", "abc", "abcd", "abcde", "abcdef",
  "abcdefg", "aaa", "aaaa", "qq", "monkey", "dragon", "master", "shadow", "sunshine", "princess", "football",
  "baseball", "superman", "batman", "trustno", "starwars", "computer", "internet", "china", "zhongguo", "beijing",
  "shanghai", "guangdong", "shenzhen", "huawei", "xiaomi", "baidu", "taobao", "luoshi", "policy", "zhengce",
  "zhengfu", "office", "server", "database", "postgres", "oracle",
];
