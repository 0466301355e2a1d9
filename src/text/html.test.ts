import { describe, expect, it } from "vitest";
import { htmlToText } from "./html.js";

/** A provincial portal's article page: metadata table above, title outside the body container, furniture around. */
const PORTAL = `<!DOCTYPE html>
<html><head><meta charset="utf-8">
<title>广东省人民政府关于印发广东省扩大和升级信息消费实施方案（2018-2020年）的通知_广东省人民政府门户网站</title>
<meta name="ArticleTitle" content="广东省人民政府关于印发广东省扩大和升级信息消费实施方案（2018-2020年）的通知">
<meta name="PubDate" content="2018-04-16 17:06">
<style>p { margin: 0 }</style><script>var a = "<p>脚本里的段落</p>";</script>
</head><body>
<div id="top"><a href="/">广东省人民政府门户网站</a><ul><li><a href="/gk/">政务公开</a></li><li><a href="/bs/">办事服务</a></li><li><a href="/hd/">互动交流</a></li></ul></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/gk/">政务公开</a> &gt; <a href="/gk/wj/">政府文件</a></div>
<div class="classify"><table>
<tr><td>索引号：</td><td>006939748/2018-00123</td><td>分类：</td><td>综合政务</td></tr>
<tr><td>发布机构：</td><td>广东省人民政府</td><td>成文日期：</td><td>2018-04-08</td></tr>
<tr><td>名称：</td><td>广东省人民政府关于印发广东省扩大和升级信息消费实施方案（2018-2020年）的通知</td></tr>
<tr><td>文号：</td><td>粤府〔2018〕27号</td><td>发布日期：</td><td>2018-04-16</td></tr>
</table></div>
<div class="main">
<h1 class="article-title">广东省人民政府关于印发广东省扩大和升级
信息消费实施方案（2018-2020年）的通知</h1>
<div class="info"><span>来源：广东省人民政府办公厅</span>&nbsp;<span>时间：2018-04-16</span> <span>【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</span> <a href="#">打印</a></div>
<div id="zoom" class="TRS_Editor">
<p style="text-align:center">粤府〔2018〕27号</p>
<p>各地级以上市人民政府，各县（市、区）人民政府，省政府各部门、各直属机构：</p>
<p>&nbsp;&nbsp;&nbsp;&nbsp;现将《广东省扩大和升级信息消费实施方案（2018-2020年）》印发给你们，请认真组织实施。实施过程中遇到的问题，请径向省经济和信息化委反映。</p>
<p style="text-align:right">广东省人民政府</p>
<p style="text-align:right">2018年4月8日</p>
<p style="display:none">隐藏的段落</p>
<p align="center"><strong>广东省扩大和升级信息消费实施方案</strong><br>（2018-2020年）</p>
<p>一、工作目标</p>
<p>到2020年，全省4K电视用户达到2000万户，信息消费规模达到1.5万亿元&amp;年均增长15%以上。</p>
<p>二、主要任务</p>
<p><span>（一）</span><span>发展生活类信息消费。</span></p>
<p>1.&nbsp;扩大4K电视消费。实施全省新数字家庭行动。（省经济和信息化委、新闻出版广电局）</p>
<table border="1"><tbody>
<tr><th>序号</th><th>重点任务</th><th>责任单位</th></tr>
<tr><td>1</td><td><p>扩大4K</p><p>电视消费</p></td><td>省经济和信息化委，<br>新闻出版广电局</td></tr>
</tbody></table>
</div>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></div>
<div class="related"><h3>相关链接</h3><ul><li><a href="/1">广东省人民政府关于加快发展数字经济的意见</a></li></ul></div>
</div>
<div class="footer">版权所有：广东省人民政府办公厅　粤ICP备05070829号　网站标识码：4400000064</div>
</body></html>`;

describe("htmlToText on a portal article page", () => {
  const { text, meta } = htmlToText(PORTAL);
  const lines = text.split("\n");

  it("starts with the title heading that sits outside the body container, joined across its source line break", () => {
    expect(lines[0]).toBe("广东省人民政府关于印发广东省扩大和升级信息消费实施方案（2018-2020年）的通知");
    expect(lines[1]).toBe("粤府〔2018〕27号");
  });

  it("keeps the document in reading order, one paragraph per line", () => {
    expect(lines).toEqual([
      "广东省人民政府关于印发广东省扩大和升级信息消费实施方案（2018-2020年）的通知",
      "粤府〔2018〕27号",
      "各地级以上市人民政府，各县（市、区）人民政府，省政府各部门、各直属机构：",
      "现将《广东省扩大和升级信息消费实施方案（2018-2020年）》印发给你们，请认真组织实施。实施过程中遇到的问题，请径向省经济和信息化委反映。",
      "广东省人民政府",
      "2018年4月8日",
      "广东省扩大和升级信息消费实施方案",
      "（2018-2020年）",
      "一、工作目标",
      "到2020年，全省4K电视用户达到2000万户，信息消费规模达到1.5万亿元&年均增长15%以上。",
      "二、主要任务",
      "（一）发展生活类信息消费。",
      "1.\u00a0扩大4K电视消费。实施全省新数字家庭行动。（省经济和信息化委、新闻出版广电局）",
      "序号\t重点任务\t责任单位",
      "1\t扩大4K 电视消费\t省经济和信息化委， 新闻出版广电局",
    ]);
  });

  it("drops navigation, breadcrumb, toolbar, share buttons, related links, footer, scripts and hidden text", () => {
    for (const junk of ["政务公开", "当前位置", "字体", "打印", "分享到", "相关链接", "数字经济", "版权所有", "脚本", "隐藏", "索引号", "来源"]) {
      expect(text).not.toContain(junk);
    }
  });

  it("moves the metadata table into meta: 成文日期 is the date, 发布日期 only the posting date", () => {
    expect(meta).toEqual({
      issuer: "广东省人民政府",
      date: "2018-04-08",
      postedDate: "2018-04-16",
      docNumber: "粤府〔2018〕27号",
      title: "广东省人民政府关于印发广东省扩大和升级信息消费实施方案（2018-2020年）的通知",
    });
  });
});

describe("htmlToText on other page shapes", () => {
  it("reads a page laid out with nested tables, keeping a 信息来源 body as the issuer", () => {
    const page = `<html><body><table width="100%"><tr><td><a href="/">首页</a> | <a href="/x">通知公告</a></td></tr>
      <tr><td><table><tr><td width="20%"><a href="/a">机构概况</a><br><a href="/b">政策法规</a></td>
      <td><div>2017年广东省信息化发展工作要点</div>
      <div>日期:2017-06-19 16:51:00信息来源:广东省经济和信息化委员会 字号:【 视力保护色:</div>
      <p>一、加快建设新一代信息基础设施</p>
      <p>1. 建设高速光纤网络。加快全光网城市建设，新增3000个行政村覆盖光纤宽带。全省计划新增光纤接入用户540万户。</p>
      <p>2. 建设新一代移动网络。力争到2017年底全省新增4G基站13.5万座。</p>
      </td></tr></table></td></tr></table></body></html>`;
    const { text, meta } = htmlToText(page);
    expect(text.split("\n")).toEqual([
      "2017年广东省信息化发展工作要点",
      "一、加快建设新一代信息基础设施",
      "1. 建设高速光纤网络。加快全光网城市建设，新增3000个行政村覆盖光纤宽带。全省计划新增光纤接入用户540万户。",
      "2. 建设新一代移动网络。力争到2017年底全省新增4G基站13.5万座。",
    ]);
    expect(meta).toEqual({ issuer: "广东省经济和信息化委员会", postedDate: "2017-06-19" });
  });

  it("ignores a 信息来源 of 本网 and keeps body lines that merely start with 时间：", () => {
    const page = `<html><body><div class="nav"><a href="/">首页</a></div><div class="content">
      <div>信息来源:本网 时间:2019-08-30 字体: [大] [中] [小]</div>
      <p>关于召开2019年信息消费工作会议的通知</p><p>各区工业和信息化局：</p>
      <p>时间：2019年9月5日上午9:30</p><p>地点：市政府大院二号楼三楼会议室</p></div></body></html>`;
    const { text, meta } = htmlToText(page);
    expect(text).toContain("时间：2019年9月5日上午9:30");
    expect(text).not.toContain("信息来源");
    expect(meta.issuer).toBeUndefined();
    expect(meta.postedDate).toBe("2019-08-30");
  });

  it("decodes entities and keeps text of a page that is only a fragment", () => {
    const { text } = htmlToText("<p>支持&ldquo;互联网&#43;医疗&rdquo;&nbsp;发展&lt;试点&gt;</p><p>第二段</p>");
    expect(text).toBe("支持“互联网+医疗”\u00a0发展<试点>\n第二段");
  });

  it("reads <pre> text line by line", () => {
    const { text } = htmlToText("<html><body><pre>一、总体要求\n（一）指导思想。\n\n二、主要任务</pre></body></html>");
    expect(text.split("\n")).toEqual(["一、总体要求", "（一）指导思想。", "二、主要任务"]);
  });
});
