/**
 * Place names that open a body's name (江门供电局, 广东银保监局): such a name has a place of its own and takes no
 * level prefix carried over a list. Provinces and prefecture-level cities by their short names; any name that
 * opens with "X省/X市/X县/X区/X州" is recognised by pattern as well, so the list needs no county names.
 */
const PROVINCES =
  "北京 天津 上海 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 海南 四川 贵州 " +
  "云南 陕西 甘肃 青海 台湾 内蒙古 广西 西藏 宁夏 新疆 香港 澳门 粤港澳 珠三角 长三角 京津冀 大湾区 粤东 粤西 粤北";

const CITIES =
  // 广东
  "广州 深圳 珠海 汕头 佛山 韶关 湛江 肇庆 江门 茂名 惠州 梅州 汕尾 河源 阳江 清远 东莞 中山 潮州 揭阳 云浮 " +
  "蓬江 江海 新会 台山 开平 鹤山 恩平 越秀 海珠 荔湾 天河 白云 黄埔 番禺 花都 南沙 从化 增城 福田 罗湖 南山 " +
  "宝安 龙岗 盐田 龙华 坪山 光明 前海 横琴 顺德 南海 禅城 三水 高明 " +
  // 其他省会与地级市
  "石家庄 唐山 秦皇岛 邯郸 邢台 保定 张家口 承德 沧州 廊坊 衡水 太原 大同 阳泉 长治 晋城 朔州 晋中 运城 忻州 临汾 " +
  "吕梁 呼和浩特 包头 乌海 赤峰 通辽 鄂尔多斯 呼伦贝尔 巴彦淖尔 乌兰察布 沈阳 大连 鞍山 抚顺 本溪 丹东 锦州 营口 " +
  "阜新 辽阳 盘锦 铁岭 朝阳 葫芦岛 长春 四平 辽源 通化 白山 松原 白城 延边 哈尔滨 齐齐哈尔 鸡西 鹤岗 双鸭山 大庆 " +
  "伊春 佳木斯 七台河 牡丹江 黑河 绥化 南京 无锡 徐州 常州 苏州 南通 连云港 淮安 盐城 扬州 镇江 泰州 宿迁 杭州 " +
  "宁波 温州 嘉兴 湖州 绍兴 金华 衢州 舟山 台州 丽水 合肥 芜湖 蚌埠 淮南 马鞍山 淮北 铜陵 安庆 黄山 滁州 阜阳 " +
  "宿州 六安 亳州 池州 宣城 福州 厦门 莆田 三明 泉州 漳州 南平 龙岩 宁德 南昌 景德镇 萍乡 九江 新余 鹰潭 赣州 " +
  "吉安 宜春 抚州 上饶 济南 青岛 淄博 枣庄 东营 烟台 潍坊 济宁 泰安 威海 日照 临沂 德州 聊城 滨州 菏泽 郑州 开封 " +
  "洛阳 平顶山 安阳 鹤壁 新乡 焦作 濮阳 许昌 漯河 三门峡 南阳 商丘 信阳 周口 驻马店 武汉 黄石 十堰 宜昌 襄阳 鄂州 " +
  "荆门 孝感 荆州 黄冈 咸宁 随州 恩施 长沙 株洲 湘潭 衡阳 邵阳 岳阳 常德 张家界 益阳 郴州 永州 怀化 娄底 湘西 南宁 " +
  "柳州 桂林 梧州 北海 防城港 钦州 贵港 玉林 百色 贺州 河池 来宾 崇左 海口 三亚 三沙 儋州 成都 自贡 攀枝花 泸州 " +
  "德阳 绵阳 广元 遂宁 内江 乐山 南充 眉山 宜宾 广安 达州 雅安 巴中 资阳 阿坝 甘孜 凉山 贵阳 六盘水 遵义 安顺 毕节 " +
  "铜仁 黔东南 黔南 黔西南 昆明 曲靖 玉溪 保山 昭通 丽江 普洱 临沧 楚雄 红河 文山 西双版纳 大理 德宏 怒江 迪庆 " +
  "拉萨 日喀则 昌都 林芝 山南 那曲 阿里 西安 铜川 宝鸡 咸阳 渭南 延安 汉中 榆林 安康 商洛 兰州 嘉峪关 金昌 白银 " +
  "天水 武威 张掖 平凉 酒泉 庆阳 定西 陇南 临夏 甘南 西宁 海东 海北 黄南 海南州 果洛 玉树 海西 银川 石嘴山 吴忠 " +
  "固原 中卫 乌鲁木齐 克拉玛依 吐鲁番 哈密 昌吉 博尔塔拉 巴音郭楞 阿克苏 克孜勒苏 喀什 和田 伊犁 塔城 阿勒泰 " +
  "石河子 雄安 浦东 滨海 两江";

// Bodies of national systems and enterprises whose names carry no place but are never a province's or city's own.
const NATIONAL =
  "中共 中国 中华 中央 国家 国务院 全国 民航 海关 人行 人民银行 国网 国家电网 南方电网 南网 中国移动 中国联通 " +
  "中国电信 中国广电 中国铁塔 中国邮政 银保监 证监 保监 银监 解放军 武警 驻粤 驻港 驻澳 驻";

const PLACE_LIST = [...PROVINCES.split(" "), ...CITIES.split(" "), ...NATIONAL.split(" ")].filter(Boolean);
// a set looked up by prefix: one alternation of 400 names would be tried at every call
const PLACES = new Set(PLACE_LIST);
const LONGEST = Math.max(...PLACE_LIST.map((p) => p.length));

function placePrefix(name: string): string | null {
  for (let k = Math.min(LONGEST, name.length); k >= 1; k--) {
    const head = name.slice(0, k);
    if (PLACES.has(head)) return head;
  }
  return null;
}
// X省 / X市 / X县 / X区 / X州 / X盟 / X旗 opening a name (鹤山市…, 民航中南地区…), but not 城市管理局 or
// 市场监管局; not 乡 or 镇 either, which open department names (住房城乡建设厅, 乡镇企业局). X holds no ending of a
// body's name: in 市委宣传部市文明办 or 办公厅甲市… the 市 after 部/厅 opens the next name, it ends no place.
const PLACE_PATTERN = /^[^\s局厅委办室部院司署处站馆科股队所社政府]{2,5}?(?:省|市|县|区|州|盟|旗)(?!场)/;
const CJK_START = /^[\u4e00-\u9fff]/;

/**
 * Bodies of vertical systems are named after the place they serve, not after a level (甲海事局, 乙河务局, 丙供电局):
 * what stands before such a type word is a place, even one no list knows. Types that also name a level's own
 * department (市场监管局, 税务局) are not here.
 */
const VERTICAL_TYPES = ["海事局", "海关", "边检站", "边防检查站", "铁路局", "河务局", "银保监局", "银保监分局", "证监局",
  "调查队", "供电局", "供电公司", "供电分公司", "电业局", "航道局", "水文局", "引航站", "检验检疫局"];
const VERTICAL = new RegExp(`^(?![省市县区])[\u4e00-\u9fff]{2,6}?(?:${VERTICAL_TYPES.join("|")})$`);

/** True when the name opens with a place (or a national system) of its own. */
export function hasOwnPlace(name: string): boolean {
  if (placePrefix(name)) return true;
  if (VERTICAL.test(name)) return true;
  // 团省委, 中共…市委: the level is inside the name
  if (/^[\u4e00-\u9fff]{0,3}[省市县区](?:委|政府|人大|政协)/.test(name)) return true;
  const m = CJK_START.test(name) ? name.match(PLACE_PATTERN) : null;
  if (!m) return false;
  // "城市管理和综合执法局" opens with 城市, a word, not a city
  return !/^(?:城市|都市|超市|闹市|门市|股市|城区|社区|园区|景区|片区|新区|小区|辖区|校区|街区|山区|林区|牧区|库区|灾区|老区|苏区|特区|试验区|示范区|开发区|保税区|功能区)/.test(name);
}

export function startsWithPlace(name: string): string | null {
  return placePrefix(name);
}

/**
 * The run of places and national systems that opens a name (国网 + 甲省 in "国网甲省检修"), or null. A head written
 * once for several names (国网甲省检修、建设公司) is this run.
 */
export function placeHead(name: string): string | null {
  let at = 0;
  for (;;) {
    const p = placePrefix(name.slice(at));
    if (!p || at + p.length >= name.length) break;
    at += p.length;
  }
  return at > 0 ? name.slice(0, at) : null;
}
