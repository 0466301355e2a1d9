import { describe, expect, it } from "vitest";
import { isSiteHeading, isSiteName, titleFromPageTitle, titleSegments, withoutRepostMarker } from "./pagetitle.js";

describe("page titles", () => {
  it("takes the document's title out of a <title> that also names the site and the column", () => {
    expect(titleFromPageTitle("关于做好秋冬季森林防火工作的通知 - 临江市人民政府门户网站")).toBe("关于做好秋冬季森林防火工作的通知");
    expect(titleFromPageTitle("通知公告_关于做好秋冬季森林防火工作的通知_临江市林业局", ["临江市林业局"])).toBe("关于做好秋冬季森林防火工作的通知");
    expect(titleFromPageTitle("临江市人民政府门户网站 | 首页")).toBeUndefined();
  });

  it("never gives the site's or the column's name as given by the page's meta", () => {
    expect(titleSegments("政策文件_临江市林业局", ["临江市林业局", "政策文件"])).toEqual([]);
  });

  it("knows a site by the way sites are named, and not a document line that ends alike", () => {
    expect(isSiteName("临江市东湖街道办事处政府信息公开")).toBe(true);
    expect(isSiteName("中国临江政府网")).toBe(true);
    expect(isSiteName("临江市林业局关于做好秋冬季森林防火工作的通知")).toBe(false);
    expect(isSiteHeading("临江市东湖街道办事处政府信息公开", ["临江市东湖街道办事处"])).toBe(true);
    expect(isSiteHeading("三、加强政府信息公开", ["临江市东湖街道办事处"])).toBe(false);
    expect(isSiteHeading("临江市东湖街道办事处", ["临江市东湖街道办事处"])).toBe(false);
  });

  it("strips a republication marker and says it was there", () => {
    expect(withoutRepostMarker("（转载）临江市人民政府关于印发某某办法的通知")).toEqual({ title: "临江市人民政府关于印发某某办法的通知", reposted: true });
    expect(withoutRepostMarker("【转载】关于某某的通知").reposted).toBe(true);
    expect(withoutRepostMarker("（转自临江日报）关于某某的通知").title).toBe("关于某某的通知");
    expect(withoutRepostMarker("（一）加强组织领导")).toEqual({ title: "（一）加强组织领导", reposted: false });
  });
});
