//! A Markdown page read into an outline: the title, the front matter's tags, and the
//! headings with the list items under each, nested as written. Parsing is pulldown-cmark's;
//! this module only walks its events. An item's text is the Markdown source of its own
//! paragraph, verbatim (links and code kept), on one line.

use pulldown_cmark::{Event, HeadingLevel, MetadataBlockKind, Options, Parser, Tag, TagEnd};

use crate::validate::Position;

/// One list item and its sub-items.
#[derive(Clone, Debug)]
pub struct OutlineItem {
    /// The item's own text, Markdown source on one line.
    pub text: String,
    /// Where the item starts.
    pub position: Position,
    /// Sub-items in order.
    pub children: Vec<OutlineItem>,
    /// The item is a paragraph that led into a list ("… SHOULD not block:").
    pub lead_in: bool,
}

/// A heading and the list items that follow it.
#[derive(Clone, Debug, Default)]
pub struct OutlineSection {
    /// The heading's text.
    pub title: String,
    /// Where the heading is; `None` for items before the first heading.
    pub position: Option<Position>,
    /// Top-level items.
    pub items: Vec<OutlineItem>,
}

/// The whole page.
#[derive(Clone, Debug, Default)]
pub struct Outline {
    /// The first level-1 heading, when it comes before any list.
    pub title: Option<String>,
    /// The `tags:` list of a YAML front matter block.
    pub tags: Vec<String>,
    /// Headings in order, each with its items.
    pub sections: Vec<OutlineSection>,
    /// The first item nested deeper than `max_depth`, if any.
    pub too_deep: Option<Position>,
}

/// An item being read: its text's byte span so far, and whether its sub-list has begun.
struct OpenItem {
    item: OutlineItem,
    span: Option<(usize, usize)>,
    in_children: bool,
    /// A paragraph ending with `:` right before a list ("Your infrastructure SHOULD not
    /// block:"): it heads that list's items as an item ending with `:` does, so that they
    /// keep the sense the page gives them.
    lead_in: bool,
}

/// Reads `markdown` into an outline; items deeper than `max_depth` (0 = top level) are
/// left out and the first of them is noted in [`Outline::too_deep`].
#[must_use]
pub fn read(markdown: &str, max_depth: usize) -> Outline {
    let lines = LineIndex::new(markdown);
    let mut outline = Outline::default();
    let mut open: Vec<OpenItem> = Vec::new();
    // Nesting of lists and items beyond `max_depth`, skipped whole.
    let mut skipped_depth = 0_usize;
    let mut heading: Option<(String, Position, bool)> = None;
    let mut metadata = false;
    // The last top-level paragraph, when it ends with `:` and nothing came after it yet.
    let mut lead_in: Option<(String, Position)> = None;
    // Task lists (`- [ ] ...`) are checklists too: their boxes are not part of the text.
    let options = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS | Options::ENABLE_TASKLISTS;
    for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
        if skipped_depth > 0 {
            match event {
                Event::Start(Tag::Item) => skipped_depth += 1,
                Event::End(TagEnd::Item) => skipped_depth -= 1,
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::MetadataBlock(MetadataBlockKind::YamlStyle)) => metadata = true,
            Event::End(TagEnd::MetadataBlock(_)) => metadata = false,
            Event::Text(text) if metadata => outline.tags.extend(front_matter_tags(&text)),
            Event::Start(Tag::Heading { level, .. }) if open.is_empty() => {
                lead_in = None;
                heading = Some((
                    String::new(),
                    lines.position(range.start),
                    level == HeadingLevel::H1,
                ));
            }
            Event::End(TagEnd::Heading(_)) if open.is_empty() => {
                if let Some((title, position, level_one)) = heading.take() {
                    let title = one_line(&title);
                    let is_title = level_one && outline.title.is_none() && !has_items(&outline);
                    if is_title {
                        outline.title = Some(title);
                    } else {
                        outline.sections.push(OutlineSection {
                            title,
                            position: Some(position),
                            items: Vec::new(),
                        });
                    }
                }
            }
            Event::Text(text) | Event::Code(text) if heading.is_some() => {
                if let Some((title, ..)) = &mut heading {
                    title.push_str(&text);
                }
            }
            Event::Start(Tag::Item) => {
                if open.len() > max_depth {
                    outline.too_deep.get_or_insert(lines.position(range.start));
                    skipped_depth = 1;
                    continue;
                }
                if let Some(parent) = open.last_mut() {
                    parent.in_children = true;
                }
                open.push(OpenItem {
                    item: OutlineItem {
                        text: String::new(),
                        position: lines.position(range.start),
                        children: Vec::new(),
                        lead_in: false,
                    },
                    span: None,
                    in_children: false,
                    lead_in: false,
                });
            }
            Event::End(TagEnd::Item) => {
                if let Some(mut done) = open.pop() {
                    if let Some((start, end)) = done.span {
                        done.item.text = one_line(&markdown[start..end]);
                    }
                    // An empty entry is no question; one with sub-items still groups them.
                    if done.item.text.is_empty() {
                        if done.item.children.is_empty() {
                            continue;
                        }
                        "(untitled)".clone_into(&mut done.item.text);
                    }
                    match open.last_mut() {
                        Some(parent) => parent.item.children.push(done.item),
                        None => section_for_items(&mut outline).items.push(done.item),
                    }
                }
            }
            Event::TaskListMarker(_) => {}
            Event::Start(Tag::Paragraph) if open.is_empty() && heading.is_none() => {
                let text = one_line(markdown[range.clone()].trim());
                lead_in = text
                    .ends_with(':')
                    .then(|| (text, lines.position(range.start)));
            }
            Event::Start(Tag::List(_)) if open.is_empty() => {
                if let Some((text, position)) = lead_in.take() {
                    open.push(OpenItem {
                        item: OutlineItem {
                            text,
                            position,
                            children: Vec::new(),
                            lead_in: true,
                        },
                        span: None,
                        in_children: true,
                        lead_in: true,
                    });
                }
            }
            Event::End(TagEnd::List(_))
                if open.len() == 1 && open.last().is_some_and(|o| o.lead_in) =>
            {
                if let Some(done) = open.pop()
                    && !done.item.children.is_empty()
                {
                    section_for_items(&mut outline).items.push(done.item);
                }
            }
            Event::Start(Tag::List(_)) => {
                if let Some(parent) = open.last_mut() {
                    parent.in_children = true;
                }
            }
            _ => {
                if let Some(current) = open.last_mut()
                    && !current.in_children
                {
                    let (start, end) = current.span.unwrap_or((range.start, range.end));
                    current.span = Some((start.min(range.start), end.max(range.end)));
                }
            }
        }
    }
    // A section whose one list has one lead-in says no more with it than with its heading
    // ("the following documents:"): its items stay the section's own.
    for section in &mut outline.sections {
        if section.items.len() == 1 && section.items[0].lead_in {
            let lead_in = section.items.remove(0);
            section.items = lead_in.children;
        }
    }
    outline
}

fn has_items(outline: &Outline) -> bool {
    outline.sections.iter().any(|s| !s.items.is_empty())
}

/// The section that items go into: the last heading's, or one made for items that come
/// before any heading.
fn section_for_items(outline: &mut Outline) -> &mut OutlineSection {
    if outline.sections.is_empty() {
        outline.sections.push(OutlineSection::default());
    }
    let last = outline.sections.len() - 1;
    &mut outline.sections[last]
}

/// Text on one line: line breaks and the indentation after them become one space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The entries of a `tags:` list in YAML front matter, as `- entry` lines below it.
fn front_matter_tags(yaml: &str) -> Vec<String> {
    let mut tags = Vec::new();
    let mut in_tags = false;
    for line in yaml.lines() {
        let trimmed = line.trim();
        if !line.starts_with([' ', '\t', '-']) {
            in_tags = trimmed == "tags:";
            continue;
        }
        if in_tags && let Some(entry) = trimmed.strip_prefix("- ") {
            let entry = entry.trim();
            let unquoted = entry
                .strip_prefix('"')
                .and_then(|e| e.strip_suffix('"'))
                .or_else(|| entry.strip_prefix('\'').and_then(|e| e.strip_suffix('\'')))
                .unwrap_or(entry);
            tags.push(unquoted.to_owned());
        }
    }
    tags
}

/// Byte offsets to 1-based lines and columns (columns in characters).
struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(at, _)| at + 1))
            .collect();
        Self { text, starts }
    }

    fn position(&self, offset: usize) -> Position {
        let line = self.starts.partition_point(|&start| start <= offset).max(1);
        let start = self.starts[line - 1];
        let col = self
            .text
            .get(start..offset)
            .map_or(0, |prefix| prefix.chars().count())
            + 1;
        Position { line, col }
    }
}

#[cfg(test)]
mod tests {
    use super::read;

    #[test]
    fn reads_headings_nested_items_and_front_matter() {
        let page = "---\ntags:\n  - ISO 27001\n  - \"GDPR\"\n---\n\n# Title\n\nIntro.\n\n## First\n\n1. A:\n    1. [B](http://x) `c`?\n\n        1. D?\n1. E?\n";
        let outline = read(page, 3);
        assert_eq!(outline.title.as_deref(), Some("Title"));
        assert_eq!(outline.tags, ["ISO 27001", "GDPR"]);
        assert_eq!(outline.sections.len(), 1);
        let items = &outline.sections[0].items;
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].text, "A:");
        assert_eq!(items[0].children[0].text, "[B](http://x) `c`?");
        assert_eq!(items[0].children[0].children[0].text, "D?");
        assert_eq!(items[1].text, "E?");
        assert_eq!(items[1].position.line, 17);
    }

    #[test]
    fn a_paragraph_ending_with_a_colon_heads_the_list_after_it() {
        let outline = read(
            "## Network\n\nIdeally, your infrastructure SHOULD provide:\n\n- A private network\n\n\
             Furthermore, your infrastructure SHOULD not block:\n\n- Internal traffic between the VMs\n\n\
             A plain remark.\n\n- Firewalls\n",
            4,
        );
        let items = &outline.sections[0].items;
        let texts: Vec<&str> = items.iter().map(|i| i.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Ideally, your infrastructure SHOULD provide:",
                "Furthermore, your infrastructure SHOULD not block:",
                "Firewalls",
            ]
        );
        assert_eq!(
            items[1].children[0].text,
            "Internal traffic between the VMs"
        );
        assert_eq!(items[0].children[0].text, "A private network");
    }

    #[test]
    fn a_single_lead_in_of_a_section_leaves_its_items_to_the_section() {
        let outline = read(
            "## Evidence\n\nGather the following documents:\n\n- Certificates\n- Terms\n",
            4,
        );
        let texts: Vec<&str> = outline.sections[0]
            .items
            .iter()
            .map(|i| i.text.as_str())
            .collect();
        assert_eq!(texts, ["Certificates", "Terms"]);
    }

    #[test]
    fn task_list_boxes_are_not_part_of_the_text() {
        let outline = read("## S\n\n- [ ] Backups tested?\n- [x] Restores?\n", 3);
        let texts: Vec<&str> = outline.sections[0]
            .items
            .iter()
            .map(|i| i.text.as_str())
            .collect();
        assert_eq!(texts, ["Backups tested?", "Restores?"]);
    }

    #[test]
    fn items_too_deep_are_left_out_and_noted() {
        let page = "## S\n\n- a\n  - b\n    - c\n";
        let outline = read(page, 1);
        assert_eq!(outline.sections[0].items[0].children[0].children.len(), 0);
        assert_eq!(outline.too_deep.map(|p| (p.line, p.col)), Some((5, 5)));
    }
}
