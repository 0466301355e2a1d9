import { describe, expect, it } from "vitest";
import { runOnCuts } from "./runon.js";
import { cleanText } from "./clean.js";

/** The lines a run-on text is cut into. */
const lines = (s: string) => cleanText(s).text.split("\n");

describe("runOnCuts: the front matter of a notice run into one line", () => {
  it("cuts letterhead, 文号, title, addressees and body apart", () => {
    const s =
      "河西市农业农村局河西市财政局文件河农〔2023〕7号河西市农业农村局河西市财政局关于做好秋粮收购工作的通知各县(区)农业农村局、财政局，市直有关单位:为做好今年秋粮收购，现将有关事项通知如下:一、加强组织。各县要成立专班。二、落实资金。各县要安排资金。";
    const got = lines(s);
    expect(got[4]).toMatch(/^为做好今年秋粮收购/);
    expect(got.slice(0, 4)).toEqual([
      "河西市农业农村局河西市财政局文件",
      "河农〔2023〕7号",
      "河西市农业农村局河西市财政局关于做好秋粮收购工作的通知",
      "各县(区)农业农村局、财政局，市直有关单位:",
    ]);
  });
  it("puts a letterhead written again before the title on a line of its own", () => {
    const s = "江北省教育厅江北省教育厅关于征求《江北省学校安全条例(草案)》意见的函各市教育局:现将草案发给你们，请研究提出意见。联系人:XXX，电话:1234XXXX。江北省教育厅2022年3月1日";
    expect(lines(s).slice(0, 3)).toEqual(["江北省教育厅", "江北省教育厅关于征求《江北省学校安全条例(草案)》意见的函", "各市教育局:"]);
  });
  it("does not cut a 文号 cited inside a sentence of the body", () => {
    const cuts = runOnCuts("根据国发〔2017〕40号文件精神和有关规定，结合本地实际，制定本办法，请各单位认真贯彻执行，确保各项工作落实到位，并及时报告进展情况。".repeat(3), true);
    expect(cuts).toEqual([]);
  });
});

describe("runOnCuts: signatures, notes and attachments", () => {
  it("puts bodies signing above a date, the date and a handling note on lines of their own", () => {
    const s = "各单位要认真落实。江南市发展和改革委员会2021年6月30日(此件公开发布)江南市工作方案为推动工作，制定本方案。一、目标。二、任务。";
    const got = lines(s);
    expect(got).toContain("江南市发展和改革委员会");
    expect(got).toContain("2021年6月30日");
    expect(got).toContain("(此件公开发布)");
    expect(got).toContain("江南市工作方案");
  });
  it("keeps a date that goes on as its sentence (2021年6月30日起施行) in the sentence", () => {
    const s = "本办法由丁县人民政府负责解释。丁县人民政府2021年6月30日起施行的规定同时废止。".repeat(4);
    expect(lines(s).some((l) => /^\d{4}年\d+月\d+日$/.test(l))).toBe(false);
  });
  it("keeps a print line's date and 印发 together", () => {
    const s = "请认真执行。一、甲。二、乙。戊市人民政府办公室2020年5月6日印发".padStart(220, "前言，");
    expect(lines(s)).toContain("2020年5月6日印发");
  });
  it("reads 附件1 followed by a year as the marker 附件1, not 附件12", () => {
    const s = "请遵照执行。联系人:XXX。附件12023年安全生产工作方案为加强安全生产，制定本方案。一、目标。二、任务。".padStart(240, "说明，");
    expect(lines(s)).toContain("2023年安全生产工作方案");
  });
  it("cuts a second enclosed text after the first ends", () => {
    const s = "一、总则第一条为规范工作，制定本规则。第二条本规则自印发之日起施行。己领导小组办公室工作细则(送审稿)为完善办公室运行，制定本细则。一、职责第一条办公室负责日常工作。".padStart(230, "前言，");
    expect(lines(s)).toContain("己领导小组办公室工作细则(送审稿)");
  });
});
