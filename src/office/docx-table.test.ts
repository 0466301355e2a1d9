import { load } from "cheerio";
import { describe, expect, it } from "vitest";
import { tableXml, xmlText } from "./docx-table.js";

describe("a WordprocessingML table written as text", () => {
  it("escapes markup and drops what XML cannot carry", () => {
    expect(xmlText('</w:t><w:t>&"x"\u0007')).toBe("&lt;/w:t&gt;&lt;w:t&gt;&amp;&quot;x&quot;");
  });

  it("writes header rows, merged and spanning cells, one paragraph per line", () => {
    const xml = tableXml({
      widths: [100, 200, 300],
      header: [[{ text: "序号", style: "H" }, { text: "措施", style: "H", fill: "D9E1F2" }, { text: "单位", style: "H" }]],
      rows: [
        [{ text: "1.", style: "C", merge: "restart" }, { text: "第一行\n第二行 <b>", style: "C" }, { text: "甲", style: "C" }],
        [{ text: "ignored", style: "C", merge: "continue" }, { text: "", style: "C" }, { text: "乙", style: "C" }],
        [{ text: "无", style: "C", span: 3 }],
      ],
      padding: { vertical: 40, horizontal: 70 },
    });
    const $ = load(xml, { xml: true });
    const rows = $("w\\:tr").toArray();
    expect(rows).toHaveLength(4);
    expect($(rows[0]!).find("w\\:tblHeader").length).toBe(1);
    expect($(rows[1]!).find("w\\:tblHeader").length).toBe(0);
    expect($("w\\:gridCol").toArray().map((g) => g.attribs["w:w"])).toEqual(["100", "200", "300"]);
    expect($(rows[1]!).find('w\\:vMerge[w\\:val="restart"]').length).toBe(1);
    const continued = $(rows[2]!).find("w\\:tc").first();
    expect(continued.find('w\\:vMerge[w\\:val="continue"]').length).toBe(1);
    expect(continued.text()).toBe("");
    expect($(rows[1]!).find("w\\:tc").eq(1).find("w\\:p").toArray().map((p) => $(p).text())).toEqual(["第一行", "第二行 <b>"]);
    const spanning = $(rows[3]!).find("w\\:tc");
    expect(spanning.find("w\\:gridSpan").attr("w:val")).toBe("3");
    expect(spanning.find("w\\:tcW").attr("w:w")).toBe("600");
    expect($(rows[0]!).find("w\\:shd").attr("w:fill")).toBe("D9E1F2");
  });
});
