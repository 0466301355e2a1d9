/**
 * Lines that belong to a government web page's frame rather than to the document: breadcrumbs, toolbars
 * (字号 大 中 小, 视力保护色, 打印, 关闭, 分享到), accessibility switches, related-link headings and footers.
 * They are recognised by their words, since sites differ in markup but share this vocabulary.
 */

/** Words a toolbar or menu line consists of; a line made only of them (and brackets) is no text. */
const TOOL_WORDS = [
  "无障碍辅助浏览", "无障碍浏览", "无障碍", "长者助手", "长者模式", "关怀版", "市民网页", "网站地图", "繁体版", "繁體版",
  "简体版", "繁体", "繁體", "简体", "字号", "字体", "默认", "视力保护色", "保护色", "背景色", "打印本页", "打印此页",
  "打印", "关闭窗口", "关闭本页", "关闭", "分享到", "分享", "加入收藏", "收藏", "扫一扫", "返回顶部", "顶部", "返回",
  "首页", "微信", "微博", "新浪微博", "腾讯微博", "QQ空间", "QQ", "复制链接", "复制网址", "下载", "登录", "注册",
  "搜索", "English", "手机版", "智能问答", "我要纠错", "纠错", "放大", "缩小", "语音播报", "朗读", "大", "中", "小",
];
const TOOL_RE = new RegExp(TOOL_WORDS.sort((a, b) => b.length - a.length).join("|"), "g");
const TOOL_FILLER = /[\s[\]【】()（）<>《》|｜/／\\·•:：,，、\-—_=+*"'“”‘’]/g;

/** Phrases that make a short line page furniture wherever they stand. */
const MARKERS = [
  "当前位置", "您的位置", "你的位置", "版权所有", "Copyright", "©", "ICP备", "ICP证", "网站标识码", "网站识别码",
  "公网安备", "网安备", "浏览次数", "阅读次数", "访问次数", "点击数：", "点击数:", "责任编辑", "分享到", "视力保护色",
  "扫一扫在手机", "【打印】", "【关闭】", "[打印]", "[关闭]",
];
/** Footer labels that are body words too (技术支持, 主办单位): furniture only as "label：" */
const LABEL_MARKERS = /(主办单位|承办单位|维护单位|技术支持|主办|承办|联系电话|网站维护)\s*[:：]/;

/** Headings after which a page lists other pages: nothing after them is the document. */
const STOPS = /^(相关链接|相关文章|相关阅读|相关新闻|相关文件|相关稿件|相关政策|相关附件|相关解读|政策解读|推荐阅读|热点推荐|上一篇|下一篇|扫一扫)/;

export function isChromeLine(line: string): boolean {
  const s = line.trim();
  if (s === "") return true;
  // nothing to read: only punctuation and symbols, or a visit counter whose number a script fills in (「-次」「1024次」)
  if (/^[\p{P}\p{S}\s]+$/u.test(s) || /^[-\d,，]+\s*次$/.test(s)) return true;
  if (/^(您|你)?(当前|现在)的?(所在)?位置|^(您|你)的位置|^所在位置/.test(s)) return true;
  if (isBreadcrumb(s)) return true;
  if (/^(上一篇|下一篇|上一条|下一条)\s*[:：]?/.test(s)) return true;
  if (s.length <= 120 && MARKERS.some((m) => s.includes(m))) return true;
  if (s.length <= 120 && LABEL_MARKERS.test(s) && /ICP|版权|网站|电话|邮编|地址/.test(s)) return true;
  TOOL_RE.lastIndex = 0;
  if (TOOL_RE.test(s)) {
    const rest = s.replace(TOOL_RE, "").replace(TOOL_FILLER, "");
    if (rest === "") return true;
  }
  return false;
}

/** 首页 > 通知公告 > 正文: short segments joined by arrows */
function isBreadcrumb(s: string): boolean {
  const parts = s.split(/\s*[>＞›»→]\s*/);
  if (parts.length < 2) return false;
  if (/^首页$/.test(parts[0]!.trim()) && parts.length >= 2) return true;
  return parts.length >= 3 && parts.every((p) => p.trim().length <= 12);
}

/** A line after which the rest of a page is about other pages. */
export function isStopLine(line: string): boolean {
  return STOPS.test(line.trim());
}
