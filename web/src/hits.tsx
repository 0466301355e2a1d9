/** Search hits with their matches highlighted, by offsets into the snippet (text nodes only). */
import { List, Tag } from "antd";
import { Fragment } from "react";
import type { SearchHit } from "./api";
import { headingGap } from "./format";
import { segment, hitMarks } from "./highlight";
import { Link } from "./router";

export function Highlighted({ text, ranges }: { text: string; ranges: Array<[number, number]> }) {
  return (
    <>
      {segment(text.length, hitMarks(ranges)).map((s, i) =>
        s.mark ? (
          <mark key={i} className="hit">
            {text.slice(s.start, s.end)}
          </mark>
        ) : (
          <Fragment key={i}>{text.slice(s.start, s.end)}</Fragment>
        ),
      )}
    </>
  );
}

export function Hits({ hits, hrefOf, loading }: { hits: SearchHit[]; hrefOf: (h: SearchHit) => string; loading?: boolean }) {
  return (
    <List
      itemLayout="vertical"
      loading={loading}
      dataSource={hits}
      locale={{ emptyText: "没有找到匹配的措施" }}
      renderItem={(h) => (
        <List.Item data-testid="hit">
          <List.Item.Meta
            title={
              <Link to={hrefOf(h)}>
                {h.label}
                {headingGap(h.label)}
                <Highlighted text={h.title} ranges={h.titleHighlights} />
              </Link>
            }
            description={
              <span>
                《{h.documentTitle ?? "未命名文件"}》{h.docNumber ? <Tag style={{ marginLeft: 8 }}>{h.docNumber}</Tag> : null}
              </span>
            }
          />
          <div className="measure-text">
            <Highlighted text={h.snippet} ranges={h.highlights} />
          </div>
        </List.Item>
      )}
    />
  );
}
