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
});
