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

/**
 * A city portal's saved 规范性文件 page: a hidden-until-scripted body, a 基本信息 list of label spans, the title
 * heading above a toolbar with a visit counter, and a container that sets the 文号 and the title again itself.
 */
function cityPage(opts: { titleInContainer: "after-docnumber" | "after-decree" | "none"; bodyStyle?: string }): string {
  const title = "临江市民政局关于调整困难老人居家照护补贴标准的通知";
  const head =
    opts.titleInContainer === "after-decree"
      ? `<p>临江市人民政府令</p><p>第12号</p><p>《${title}》已经市政府常务会议通过，现予公布。</p><p>市长：张三</p><p>2023年3月1日</p><p><strong>${title}</strong></p>`
      : opts.titleInContainer === "after-docnumber"
        ? `<p style="text-align:center">临民规字〔2023〕3号</p><p style="text-align:center"><strong>${title}</strong></p>`
        : `<p style="text-align:center">临民规字〔2023〕3号</p>`;
  return `<html><head><title>${title} - 临江市人民政府门户网站</title>
<meta name="SiteName" content="临江市人民政府门户网站"><meta name="ColumnName" content="市民政局">
<meta name="ArticleTitle" content="${title}"><meta name="PubDate" content="2023-03-06 09:00">
</head><body style="${opts.bodyStyle ?? "visibility: hidden"}">
<div class="header"><a href="/">首页</a> <a href="/zwgk/">政务公开</a> <a href="/zwfw/">政务服务</a></div>
<div class="curb">当前位置：<a href="/">首页</a>&nbsp;&gt;&nbsp;<a href="/gfxwj/">规范性文件</a></div>
<div class="jbxx">基本信息</div>
<div class="topbox"><ul>
<li><span>统一编号：</span> LJ0320230003</li>
<li><span>文　　号：</span> 临民规字〔2023〕3号</li>
<li><span>实施日期：</span> 2023年04月01日</li>
<li><span>发布机关：</span> 临江市民政局,临江市财政局</li>
<li><span>文件状态：</span><script>document.write("有效")</script></li>
</ul></div>
<div class="news-info"><h1 class="info_title">${title}</h1>
<div class="attr"><ul><li title="字体加大">大</li><li>中</li><li>小</li><li><span id="visit">-</span>次</li></ul></div>
<div class="info_cont" id="info_cont">${head}
<p>各区民政局、财政局：</p>
<p>　　为进一步做好困难老人居家照护工作，经市人民政府同意，现将居家照护补贴标准调整如下，请认真贯彻执行。</p>
<p>一、居家照护补贴标准由每人每月300元调整为每人每月360元。</p>
<p>二、本通知自2023年4月1日起施行，有效期5年。</p>
<p style="text-align:right">临江市民政局　临江市财政局</p><p style="text-align:right">2023年3月1日</p>
<p>公开方式：主动公开</p>
</div>
<div class="info_bot">【<a href="javascript:scroll(0,0)">返回顶部</a>】【<a href="#">关闭窗口</a>】</div>
<div class="xgfj"><div class="xgfj_title">相关附件</div><ul><li><a href="/f/1.pdf">临江市居家照护补贴申请表.pdf</a></li></ul></div>
</div>
<div class="footer">主办单位：临江市人民政府办公室 网站标识码：1234567890 临ICP备00000000号</div>
</body></html>`;
}

describe("htmlToText on a city portal's saved document page", () => {
  it("reads a body hidden until its scripts run, from the 文号 to the signature, with the title once", () => {
    const { text } = htmlToText(cityPage({ titleInContainer: "after-docnumber" }));
    expect(text.split("\n")).toEqual([
      "临民规字〔2023〕3号",
      "临江市民政局关于调整困难老人居家照护补贴标准的通知",
      "各区民政局、财政局：",
      "为进一步做好困难老人居家照护工作，经市人民政府同意，现将居家照护补贴标准调整如下，请认真贯彻执行。",
      "一、居家照护补贴标准由每人每月300元调整为每人每月360元。",
      "二、本通知自2023年4月1日起施行，有效期5年。",
      "临江市民政局　临江市财政局",
      "2023年3月1日",
    ]);
  });

  it("puts the page's heading in front when the container does not set the title", () => {
    const lines = htmlToText(cityPage({ titleInContainer: "none", bodyStyle: "" })).text.split("\n");
    expect(lines.slice(0, 3)).toEqual(["临江市民政局关于调整困难老人居家照护补贴标准的通知", "临民规字〔2023〕3号", "各区民政局、财政局："]);
    expect(lines).not.toContain("-");
    expect(lines).not.toContain("-次");
  });

  it("keeps the heading in front of a decree whose own copy of the title follows its preamble", () => {
    const lines = htmlToText(cityPage({ titleInContainer: "after-decree" })).text.split("\n");
    expect(lines.slice(0, 3)).toEqual(["临江市民政局关于调整困难老人居家照护补贴标准的通知", "临江市人民政府令", "第12号"]);
  });

  it("takes the label list into meta, joint issuers joined with 、, and leaves 公开方式 and 相关附件 out of the text", () => {
    const { text, meta } = htmlToText(cityPage({ titleInContainer: "after-docnumber" }));
    expect(meta).toEqual({
      docNumber: "临民规字〔2023〕3号",
      issuer: "临江市民政局、临江市财政局",
      title: "临江市民政局关于调整困难老人居家照护补贴标准的通知",
      postedDate: "2023-03-06",
    });
    for (const junk of ["公开方式", "相关附件", "申请表", "统一编号", "返回顶部", "网站标识码"]) expect(text).not.toContain(junk);
  });
});

describe("htmlToText on a republished document and on page titles", () => {
  const republished = `<html><head><title>（转载）临江市人民政府办公室关于印发临江市养老服务补贴办法的通知</title>
<meta name="SiteName" content="临江市东湖街道办事处"></head><body>
<h1 class="print-title">临江市东湖街道办事处政府信息公开</h1>
<table><tr><td>索引号：</td><td>1144/2023-00008</td><td>发布机构：</td><td>临江市东湖街道办事处</td></tr>
<tr><td>名称：</td><td>（转载）临江市人民政府办公室关于印发临江市养老服务补贴办法的通知</td></tr>
<tr><td>成文日期：</td><td>2023-05-08</td><td>发布日期：</td><td>2023-06-01</td></tr></table>
<div class="content"><h1 class="title">（转载）临江市人民政府办公室关于印发临江市养老服务补贴办法的通知</h1>
<div class="date-row">发布日期：2023-06-01 浏览次数：<span>-</span></div>
<div class="article-content"><p>各镇人民政府，市政府各部门：</p><p>现将《临江市养老服务补贴办法》印发给你们，请认真贯彻执行。执行中遇到问题，请径向市民政局反映。</p>
<p>临江市人民政府办公室</p><p>2023年5月8日</p></div></div></body></html>`;

  it("drops the 转载 marker from the title and does not take the republisher for the issuer", () => {
    const { text, meta } = htmlToText(republished);
    expect(text.split("\n")[0]).toBe("临江市人民政府办公室关于印发临江市养老服务补贴办法的通知");
    expect(text).not.toContain("信息公开");
    expect(meta).toEqual({ title: "临江市人民政府办公室关于印发临江市养老服务补贴办法的通知", date: "2023-05-08", postedDate: "2023-06-01" });
  });

  it("never takes the site's or the column's name from <title> for the document's title", () => {
    const page = (title: string) =>
      `<html><head><title>${title}</title><meta name="ColumnName" content="通知公告"></head><body><div><p>一、加强组织领导，各区要明确分管领导和具体责任人。</p><p>二、强化督促检查，市政府督查室定期通报进展情况。</p></div></body></html>`;
    expect(htmlToText(page("临江市人民政府门户网站 - 关于做好汛期安全生产工作的通知")).meta.title).toBe("关于做好汛期安全生产工作的通知");
    expect(htmlToText(page("通知公告_关于做好汛期安全生产工作的通知_临江市应急管理局网站")).meta.title).toBe("关于做好汛期安全生产工作的通知");
    expect(htmlToText(page("临江市人民政府门户网站")).meta.title).toBeUndefined();
  });

  it("stops at a short related-links heading but not at a sentence that opens with the same words", () => {
    const { text } = htmlToText(
      `<html><body><div class="content"><p>一、相关文件由市民政局负责解释，自印发之日起施行，原有规定同时废止。</p><p>二、各区要按照本通知要求抓好落实，确保政策按期兑现到位。</p></div><div><p>相关文件</p><p><a href="/x">临江市养老服务补贴办法解读</a></p></div></body></html>`,
    );
    expect(text).toContain("一、相关文件由市民政局负责解释");
    expect(text).not.toContain("解读");
  });
});

describe("htmlToText on a republished page marked only in its metadata table", () => {
  it("drops the republisher as issuer when only the table's 名称 carries 转载", () => {
    const page = `<html><head><title>临江市东湖街道办事处</title></head><body><div class="classify"><table>
<tr><td>发布机构：</td><td>临江市东湖街道办事处</td><td>成文日期：</td><td>2023-05-08</td></tr>
<tr><td>名称：</td><td>（转载）临江市人民政府办公室关于印发临江市养老服务补贴办法的通知</td></tr></table></div>
<div class="article-content"><p>临江市人民政府办公室关于印发临江市养老服务补贴办法的通知</p><p>各镇人民政府，市政府各部门：</p><p>现将《临江市养老服务补贴办法》印发给你们，请认真贯彻执行。执行中遇到问题，请径向市民政局反映。</p><p>临江市人民政府办公室</p><p>2023年5月8日</p></div></body></html>`;
    const { meta } = htmlToText(page);
    expect(meta).toEqual({ title: "临江市人民政府办公室关于印发临江市养老服务补贴办法的通知", date: "2023-05-08" });
  });
});

describe("htmlToText and related-links boxes", () => {
  it("reads past a related-links box set above a short document, and stops at one below it", () => {
    const page = `<html><body><div class="main"><div class="xgxw"><div>相关新闻</div><ul><li><a href="/a">【图解】临江市养老服务补贴办法</a></li></ul></div>
<h1>临江市民政局关于做好养老服务补贴发放工作的通知</h1><p>各区民政局：</p>
<p>为做好养老服务补贴发放工作，请各区于每月10日前完成补贴数据核对，并将发放情况报市民政局备案。</p>
<p>各区要加强资金监管，确保补贴按时足额发放到位，对发现的问题及时整改并报告。</p><p>临江市民政局</p><p>2023年6月1日</p></div>
<div><div>相关链接</div><p>临江市养老服务补贴办法政策问答汇编（第一期）</p></div></body></html>`;
    const lines = htmlToText(page).text.split("\n");
    expect(lines[0]).toBe("临江市民政局关于做好养老服务补贴发放工作的通知");
    expect(lines[lines.length - 1]).toBe("2023年6月1日");
  });
});
