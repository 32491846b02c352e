//! Page views: what each template receives, with every number already computed and formatted.
//! Templates only lay these out. One file per page kind; what they share (addresses, names,
//! values, sources, targets, the blocks of series and indicators, charts) in files of its own.

pub mod charts;
mod home;
mod indicator;
mod indicator_block;
mod links;
mod methodology;
mod names;
mod page;
mod plan;
mod printed;
mod region;
mod search;
mod series_block;
mod sources;
mod targets;
mod values;

pub use home::{home, Headline, HomeView, PickerGroup, PlanSummary, RegionNode, YearValue};
pub use indicator::{indicator, IndicatorView, RankGroup, RankRow};
pub use indicator_block::{IndicatorBlock, IndicatorRow};
pub use links::{indicator_url, page_url, plan_url, region_url, Link, METHODOLOGY_URL, SEARCH_URL};
pub use methodology::{methodology, MethodIndicator, MethodologyView, SourceView};
pub use names::{formula_words, metric_name};
pub use page::{page, PageView};
pub use plan::{plan, PlanView, TaskView};
pub use printed::{printed_rows, PrintedRow};
pub use region::{region, RegionView};
pub use search::{search, SearchItem, SearchView};
pub use series_block::{Composition, CompositionRow, SeriesBlock, SeriesRow};
pub use sources::{figure_sources, input_sources, SourceRef};
pub use targets::{status_label, target_view, StatusCount, TargetView};
pub use values::{indicator_change_number, indicator_number, indicator_value_number, metric_value};
