import { describe, expect, it } from "vitest";
import { isChromeLine } from "./chrome.js";
import { MetaCollector, isoDate, parseMetaLine } from "./pagemeta.js";

function metaOf(...lines: string[]) {
  const c = new MetaCollector();
  for (const l of lines) {
    const pairs = parseMetaLine(l, false);
    if (pairs) c.add(pairs);
  }
  return c.result();
}

describe("page metadata lines", () => {
  it("reads the one-line blocks the seed pages carry", () => {
    expect(metaOf("日期:2017-06-19 16:51:00信息来源:广东省经济和信息化委员会 字号:【 视力保护色:")).toEqual({
      issuer: "广东省经济和信息化委员会",
      postedDate: "2017-06-19",
    });
    expect(metaOf("信息来源:本网 时间:2019-08-30 字体: [大] [中] [小]")).toEqual({ postedDate: "2019-08-30" });
  });

  it("reads table rows with labels and values in separate cells; 发布机构 outranks 信息来源", () => {
    expect(metaOf("索引号：\t11440700/2020-00321\t信息来源：\t江门市工业和信息化局", "发布机构\t江门市人民政府\t成文日期\t2020年6月1日", "文号：\t江工信〔2020〕90号")).toEqual({
      issuer: "江门市人民政府",
      date: "2020-06-01",
      docNumber: "江工信〔2020〕90号",
    });
  });

  it("reads labels spaced out to the table's width (标　　题, 索 引 号)", () => {
    expect(metaOf("索 引 号：\t000014349/2020-00050\t主题分类：\t综合政务", "发文机关：\t国务院办公厅\t成文日期：\t2020年03月13日", "标\u3000\u3000题：\t国务院办公厅关于印发某某方案的通知", "发文字号：\t国办发〔2020〕6号\t发布日期：\t2020年03月13日")).toEqual({
      issuer: "国务院办公厅",
      date: "2020-03-13",
      postedDate: "2020-03-13",
      docNumber: "国办发〔2020〕6号",
      title: "国务院办公厅关于印发某某方案的通知",
    });
  });

  it("reads a 发布机关 label list, joining joint issuers with 、, and ignores 统一编号, 文件状态 and 公开方式", () => {
    expect(metaOf("统一编号： LJ0320230003", "文　　号： 临民规字〔2023〕3号", "发布机关： 临江市民政局,临江市财政局", "文件状态：", "公开方式：主动公开")).toEqual({
      docNumber: "临民规字〔2023〕3号",
      issuer: "临江市民政局、临江市财政局",
    });
  });

  it("takes a lone generic label from a table row that sets it apart with a colon, not from a document's line or table", () => {
    expect(parseMetaLine("名称：\t临江市人民政府关于印发某某办法的通知", true)).toEqual([{ label: "名称", value: "临江市人民政府关于印发某某办法的通知" }]);
    expect(parseMetaLine("时间\t2023年5月8日", true)).toBeNull();
    expect(parseMetaLine("名称：临江市养老服务中心", true)).toBeNull();
  });

  it("reads a posting stamp that opens a line without a label", () => {
    expect(metaOf("2020-03-13 16:39 来源： 中国政府网")).toEqual({ postedDate: "2020-03-13" });
    expect(parseMetaLine("2019-08-30 10:15:36", true)).toEqual([{ label: "发布时间", value: "2019-08-30 10:15:36" }]);
    expect(parseMetaLine("2020-03-13", true)).toBeNull();
  });

  it("does not take document lines for metadata", () => {
    expect(parseMetaLine("时间：2019年9月5日上午9:30", true)).toBeNull();
    expect(parseMetaLine("一、工作目标", false)).toBeNull();
    expect(parseMetaLine("来源：" + "经市人民政府同意，现将实施意见印发给你们，请认真贯彻执行。".repeat(4), false)).toBeNull();
    expect(parseMetaLine("序号\t政策措施\t负责单位", false)).toBeNull();
  });

  it("normalises dates", () => {
    expect(isoDate("2019/8/3 10:00")).toBe("2019-08-03");
    expect(isoDate("2018年4月8日")).toBe("2018-04-08");
    expect(isoDate("2018年13月8日")).toBeUndefined();
  });
});

describe("page furniture", () => {
  it.each([
    "无障碍辅助浏览 长者助手 繁体版 简体版 市民网页",
    "当前位置: 首页 > 通知公告",
    "您当前位置:首页>智慧城管>政策法规",
    "首页 > 政务公开 > 政策文件",
    "【打印】 【关闭】",
    "字号：【大 中 小】",
    "分享到：微信 微博 QQ空间",
    "版权所有：江门市人民政府 粤ICP备05002588号",
    "上一篇：关于做好2020年信息消费工作的通知",
    "-",
    "-次",
    "1,024次",
  ])("%s is furniture", (line) => {
    expect(isChromeLine(line)).toBe(true);
  });

  it.each(["一、工作目标", "（三）强化技术支持", "广东省人民政府", "2018年4月8日", "3. 扩大文旅商贸信息服务和消费。支持打印服务企业发展。", "附件：重点任务分工方案", "第3次"])(
    "%s is text",
    (line) => {
      expect(isChromeLine(line)).toBe(false);
    },
  );
});
