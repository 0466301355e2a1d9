import { describe, expect, it } from "vitest";
import { parseBodyList, splitRunTogether } from "./bodies.js";

const names = (s: string, trusted = true) => parseBodyList(s, trusted)?.bodies.map((b) => b.name) ?? null;
const leads = (s: string) => parseBodyList(s, true)?.bodies.filter((b) => b.role === "lead").map((b) => b.name);

describe("parseBodyList", () => {
  it("carries a level prefix over the list, not onto names with a place of their own", () => {
    expect(names("省工业和信息化厅、通信管理局、广电局，各地级以上市人民政府，南方电网，广东银保监局")).toEqual([
      "省工业和信息化厅", "省通信管理局", "省广电局", "各地级以上市人民政府", "南方电网", "广东银保监局",
    ]);
    expect(names("省发展改革委、国资委、市场监管局、地方金融监管局")).toEqual([
      "省发展改革委", "省国资委", "省市场监管局", "省地方金融监管局",
    ]);
    expect(names("市交通运输局、民航中南地区管理局、江门供电局、海关总署广东分署")).toEqual([
      "市交通运输局", "民航中南地区管理局", "江门供电局", "海关总署广东分署",
    ]);
  });
  it("removes whitespace inside names and drops empty items", () => {
    expect(names("省工业和信息化厅、政务服务 数据管理局、、")).toEqual(["省工业和信息化厅", "省政务服务数据管理局"]);
  });
  it("splits two names run together", () => {
    expect(splitRunTogether("市市场监管局江门供电局")).toEqual(["市市场监管局", "江门供电局"]);
    expect(splitRunTogether("市委宣传部")).toEqual(["市委宣传部"]);
    expect(splitRunTogether("海关总署广东分署")).toEqual(["海关总署广东分署"]);
  });
  it("keeps a parenthesised alias with its name", () => {
    expect(names("市民政局、市交通运输局(市邮政管理局)")).toEqual(["市民政局", "市交通运输局(市邮政管理局)"]);
  });
  it("reads 牵头/配合 roles and carries the prefix across them", () => {
    expect(leads("市发展改革委牵头,市工业和信息化局、交通运输局配合")).toEqual(["市发展改革委"]);
    expect(names("市发展改革委牵头,市工业和信息化局、交通运输局配合")).toEqual([
      "市发展改革委", "市工业和信息化局", "市交通运输局",
    ]);
    expect(leads("市工业和信息化局、交通运输局牵头")).toEqual(["市工业和信息化局", "市交通运输局"]);
    expect(leads("牵头单位：县工业和信息化局；配合单位：县财政局")).toEqual(["县工业和信息化局"]);
  });
  it("reads a role written in brackets after the name", () => {
    expect(leads("责任单位：市发展改革委（牵头）、市工业和信息化局、市财政局")).toEqual(["市发展改革委"]);
    expect(names("市发展改革委（牵头）、市工业和信息化局")).toEqual(["市发展改革委", "市工业和信息化局"]);
  });
  it("reports a stated lead rule and 按职责分工负责, dropping those sentences", () => {
    const rule = parseBodyList("责任单位:市工业和信息化局、市科技局。除有说明按职责分工负责外,排第一的为牵头部门,下同", true);
    expect(rule?.statesLeadRule).toBe(true);
    expect(rule?.bodies.map((b) => b.name)).toEqual(["市工业和信息化局", "市科技局"]);
    const none = parseBodyList("市民政局、各市(区)人民政府按职责分工负责", true);
    expect(none?.noLead).toBe(true);
    expect(none?.bodies.map((b) => b.name)).toEqual(["市民政局", "各市(区)人民政府"]);
    const untrustedRule = parseBodyList("省经济和信息化委、通信管理局，列在首位的为牵头单位，下同", false);
    expect(untrustedRule?.statesLeadRule).toBe(true);
    expect(untrustedRule?.bodies.map((b) => b.name)).toEqual(["省经济和信息化委", "省通信管理局"]);
  });
  it("rejects parentheses that are not lists of bodies", () => {
    expect(names("AR/VR", false)).toBeNull();
    expect(names("广交会、留交会", false)).toBeNull();
    expect(names("含幼儿园", false)).toBeNull();
    expect(names("集团", false)).toBeNull();
  });
  it("takes names of any body ending: commissions, sections, providers", () => {
    expect(names("省体育发展委员会、市图书馆学会、市财务科、县农经股、市数据服务中心负责", false)).toEqual([
      "省体育发展委员会", "市图书馆学会", "市财务科", "县农经股", "市数据服务中心",
    ]);
    expect(names("责任单位：设备供应商、运维服务商")).toEqual(["设备供应商", "运维服务商"]);
    expect(names("展销会、博览会", false)).toBeNull();
  });
  it("carries a collective prefix (各区, 各县（市、区）, 各省级) like a level", () => {
    expect(names("各区文化旅游局、体育局")).toEqual(["各区文化旅游局", "各区体育局"]);
    expect(names("各县（市、区）民政局、残联")).toEqual(["各县（市、区）民政局", "各县（市、区）残联"]);
    expect(names("各省级人民政府、有关部门")).toEqual(["各省级人民政府", "有关部门"]);
    expect(names("各省级人民政府，水务部、林草局按职责分工负责")).toEqual(["各省级人民政府", "水务部", "林草局"]);
    expect(names("各市场主体")).toEqual(["各市场主体"]);
  });
  it("drops role and collective tails: 按照职责分工负责, 会同有关部门, 等有关部门和单位", () => {
    const shared = parseBodyList("市文化局、市体育局等按照职责分工负责", false);
    expect(shared?.bodies.map((b) => b.name)).toEqual(["市文化局", "市体育局"]);
    expect(shared?.noLead).toBe(true);
    expect(names("市水务局会同有关部门负责", false)).toEqual(["市水务局"]);
    expect(names("市水务局会同市林业局负责", false)).toEqual(["市水务局", "市林业局"]);
    expect(names("市水务局、会同县人民政府负责", false)).toEqual(["市水务局", "会同县人民政府"]);
    expect(names("市农业局等有关部门和单位负责", false)).toEqual(["市农业局"]);
    expect(names("审计署、档案局等部门分工负责", false)).toEqual(["审计署", "档案局"]);
    expect(names("市商务局、市税务局等5个部门负责", false)).toEqual(["市商务局", "市税务局"]);
  });
  it("reads 等和 after a closed run of names as a separator", () => {
    expect(names("水务部、林草局等和各有关省级人民政府负责", false)).toEqual(["水务部", "林草局", "各有关省级人民政府"]);
  });
  it("reads 指导 and 负责落实 as role words, dropping a sentence about later measures", () => {
    expect(names("环境部指导，试点县政府负责落实。以下各项均由试点县政府落实，不再列出", false)).toEqual([
      "环境部", "试点县政府",
    ]);
  });
  it("ends the list at the next field of the tag, even with no separator before it", () => {
    expect(names("责任单位：运维服务商、甲科技公司完成时限：2023年6月30日")).toEqual(["运维服务商", "甲科技公司"]);
    expect(names("责任单位：市信息中心时间节点：2023年底前")).toEqual(["市信息中心"]);
    const run = parseBodyList("责任单位：市数据局、市网络公司配合单位：市财政局、审计局工作要求：按月报送", true);
    expect(run?.bodies.map((b) => [b.name, b.role])).toEqual([
      ["市数据局", "unmarked"], ["市网络公司", "unmarked"], ["市财政局", "support"], ["市审计局", "support"],
    ]);
  });
  it("carries a prefix within one field only", () => {
    expect(names("责任单位：省检测院；配合单位：设备厂商")).toEqual(["省检测院", "设备厂商"]);
  });
  it("writes out a head or tail written once for several names", () => {
    expect(names("责任单位：市检修、建设公司")).toEqual(["市检修公司", "市建设公司"]);
    expect(names("责任单位：国网湖南检修、运维公司，省电科院")).toEqual(["国网湖南检修公司", "国网湖南运维公司", "省电科院"]);
    expect(names("责任单位：中国移动、市财政局")).toEqual(["中国移动", "市财政局"]);
  });
  it("gives no level prefix to a name with a place of its own", () => {
    expect(names("省教育厅、青石市体育局、国网东岭供电公司")).toEqual(["省教育厅", "青石市体育局", "国网东岭供电公司"]);
    // a body of a vertical system is named after the place it serves, even a place no list knows
    expect(names("市应急局、青石海事局、海事局、东岭河务局")).toEqual(["市应急局", "青石海事局", "市海事局", "东岭河务局"]);
  });
  it("splits names run together on a letterhead", () => {
    expect(splitRunTogether("青石市工业和信息化局青石市林业局")).toEqual(["青石市工业和信息化局", "青石市林业局"]);
    expect(splitRunTogether("青石市发展和改革委员会青石市财政局")).toEqual(["青石市发展和改革委员会", "青石市财政局"]);
    expect(splitRunTogether("省财政厅和省税务局")).toEqual(["省财政厅", "省税务局"]);
    expect(splitRunTogether("中共青石市委办公厅青石市人民政府办公厅")).toEqual(["中共青石市委办公厅", "青石市人民政府办公厅"]);
    expect(splitRunTogether("青石市人民政府办公室青石市财政局")).toEqual(["青石市人民政府办公室", "青石市财政局"]);
    expect(splitRunTogether("市委宣传部市文明办")).toEqual(["市委宣传部", "市文明办"]);
    expect(splitRunTogether("市工业和信息化局")).toEqual(["市工业和信息化局"]);
  });
  it("reads leads: X牵头，Y、Z按职责分工负责; 牵头单位/配合单位; 负责 then 配合", () => {
    const l = parseBodyList("市住建局牵头，市财政局、规划局按职责分工负责", false);
    expect(l?.bodies.map((b) => [b.name, b.role])).toEqual([
      ["市住建局", "lead"], ["市财政局", "unmarked"], ["市规划局", "unmarked"],
    ]);
    expect(leads("牵头：市住建局；配合：市财政局")).toEqual(["市住建局"]);
    expect(leads("市住建局为牵头单位，市财政局为配合单位")).toEqual(["市住建局"]);
    const r = parseBodyList("市文旅局负责，市公安局、市交通局配合", false);
    expect(r?.bodies.map((b) => b.role)).toEqual(["unmarked", "support", "support"]);
  });
  it("recognises the lead rule in its variant wordings", () => {
    for (const rule of ["排在第一位的单位为牵头单位，下同", "列第一位者为牵头单位，下同", "首位单位牵头，下同", "第一个单位是牵头单位"]) {
      const l = parseBodyList(`市商务局、市财政局负责。${rule}`, false);
      expect(l?.statesLeadRule).toBe(true);
      expect(l?.bodies.map((b) => b.name)).toEqual(["市商务局", "市财政局"]);
    }
  });
  it("is no list for an exception or a distribution note", () => {
    expect(names("基金会除外", false)).toBeNull();
    expect(names("此件发至各县区人民政府", false)).toBeNull();
  });
  it("reads a long run-on text in linear time", () => {
    const long = "除".repeat(20000) + "市".repeat(20000) + "排第一".repeat(2000) + "牵头";
    const t = Date.now();
    parseBodyList(long, true);
    parseBodyList(long, false);
    expect(Date.now() - t).toBeLessThan(1000);
  });
});

describe("a role in any bracket after a name", () => {
  it("reads 〔牵头〕 like （牵头）", () => {
    const list = parseBodyList("责任单位：市工信局〔牵头〕、市财政局", true);
    expect(list?.bodies.map((b) => [b.name, b.role])).toEqual([["市工信局", "lead"], ["市财政局", "unmarked"]]);
  });
});

describe("a county bureau's 股室 tag", () => {
  it("reads 责任股室：甲股、乙股 as a tag of bodies", () => {
    expect(parseBodyList("责任股室：种子管理股、计划财务股", true)?.bodies.map((b) => b.name)).toEqual(["种子管理股", "计划财务股"]);
  });
});

describe("a lead rule in a parenthesis of its own", () => {
  it("names no body (各项任务… is no collective of bodies)", () => {
    const list = parseBodyList("各项任务责任单位中，排在第一位的为牵头单位，下同", false);
    expect(list?.bodies ?? []).toEqual([]);
    expect(parseBodyList("各项任务责任单位中、市财政局", false)).toBeNull();
  });
});

describe("a shared head and tail in a bare parenthesis", () => {
  it("writes out 国网甲省检修、信通公司 when the head opens with a place", () => {
    expect(parseBodyList("设备部牵头，国网江西检修、信通公司配合", false)?.bodies.map((b) => b.name)).toEqual(["设备部", "国网江西检修公司", "国网江西信通公司"]);
  });
});
