//! What the table asks the server for: page, page size, search and ordering.

/// Page sizes offered in the "Rows per page" select.
pub const PAGE_SIZES: [u32; 4] = [10, 20, 50, 100];

/// authentik's tenant default page size (and ours).
pub const DEFAULT_PAGE_SIZE: u32 = 20;

/// The fields the server can sort by. Computed fields (`component`,
/// `verbose_name`, ...) are not sortable on the server, so they are not here:
/// the page never sorts locally.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SortField {
    Name,
    PublicKey,
    /// Groups stages by provider, since the provider is derived from it.
    JsUrl,
    ScoreMinThreshold,
    ScoreMaxThreshold,
    ErrorOnInvalidScore,
}

impl SortField {
    pub fn api_name(self) -> &'static str {
        match self {
            Self::Name => "name",
            Self::PublicKey => "public_key",
            Self::JsUrl => "js_url",
            Self::ScoreMinThreshold => "score_min_threshold",
            Self::ScoreMaxThreshold => "score_max_threshold",
            Self::ErrorOnInvalidScore => "error_on_invalid_score",
        }
    }

    pub fn from_api_name(name: &str) -> Option<Self> {
        [
            Self::Name,
            Self::PublicKey,
            Self::JsUrl,
            Self::ScoreMinThreshold,
            Self::ScoreMaxThreshold,
            Self::ErrorOnInvalidScore,
        ]
        .into_iter()
        .find(|field| field.api_name() == name)
    }
}

/// One sort column at a time, like authentik's own tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ordering {
    pub field: SortField,
    pub descending: bool,
}

impl Default for Ordering {
    /// The server's own default, so the first request changes nothing.
    fn default() -> Self {
        Self { field: SortField::Name, descending: false }
    }
}

impl Ordering {
    /// The `ordering` query value: the field name, `-` prefixed when
    /// descending.
    pub fn param(self) -> String {
        let sign = if self.descending { "-" } else { "" };
        format!("{sign}{}", self.field.api_name())
    }

    /// Parses an `ordering` value; `None` for fields the page cannot sort by.
    pub fn parse(param: &str) -> Option<Self> {
        let (descending, name) = match param.strip_prefix('-') {
            Some(name) => (true, name),
            None => (false, param),
        };
        SortField::from_api_name(name).map(|field| Self { field, descending })
    }

    /// A click on a column header: a new column sorts ascending, the current
    /// one flips direction.
    pub fn toggled(self, field: SortField) -> Self {
        if self.field == field {
            Self { field, descending: !self.descending }
        } else {
            Self { field, descending: false }
        }
    }
}

/// Everything that selects which rows the server returns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StageQuery {
    /// 1-based.
    pub page: u64,
    pub page_size: u32,
    /// Sent exactly as typed; the server splits it into words itself.
    pub search: String,
    pub ordering: Ordering,
}

impl Default for StageQuery {
    fn default() -> Self {
        Self {
            page: 1,
            page_size: DEFAULT_PAGE_SIZE,
            search: String::new(),
            ordering: Ordering::default(),
        }
    }
}

impl StageQuery {
    /// The query string, without the leading `?`. An empty search is left
    /// out rather than sent blank, so the request matches what authentik's
    /// own admin sends for an unfiltered list.
    pub fn to_query_string(&self) -> String {
        self.query_string_for_page(&self.page.to_string())
    }

    /// The query string with another `page` value, e.g. authentik's `last`.
    pub(super) fn query_string_for_page(&self, page: &str) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        query.append_pair("page", page);
        query.append_pair("page_size", &self.page_size.to_string());
        query.append_pair("ordering", &self.ordering.param());
        if !self.search.is_empty() {
            query.append_pair("search", &self.search);
        }
        query.finish()
    }

    /// Whether both ask for pages of the same list (same search, size and
    /// order), so one's page count holds for the other.
    pub fn same_list(&self, other: &Self) -> bool {
        self.search == other.search
            && self.page_size == other.page_size
            && self.ordering == other.ordering
    }

    /// Whether the search box holds anything the server filters on.
    pub fn is_searching(&self) -> bool {
        !self.search.trim().is_empty()
    }

    /// A new search starts again at page 1: the old page number means
    /// nothing in the new result.
    pub fn with_search(&self, search: String) -> Self {
        Self { search, page: 1, ..self.clone() }
    }

    pub fn with_page(&self, page: u64) -> Self {
        Self { page: page.max(1), ..self.clone() }
    }

    pub fn with_page_size(&self, page_size: u32) -> Self {
        Self { page_size, page: 1, ..self.clone() }
    }

    /// Sorting keeps the page size and search but starts at page 1, as
    /// the rows on "page 3" of another order are unrelated.
    pub fn sorted_by(&self, field: SortField) -> Self {
        Self { ordering: self.ordering.toggled(field), page: 1, ..self.clone() }
    }
}
