//! The first-run sample: the IPRCC delegation's visit to the National
//! Institute of Vocational Education on 11 June 2021 (from
//! `shared/scenarios/iprcc-visit-2021-06-11.txt`). It is an ordinary
//! interchange document, so it loads through the same import as any file and
//! loading it twice changes nothing.

use crate::error::Result;
use crate::interchange::ImportReport;
use crate::service::Service;

pub const SAMPLE_JSON: &str = include_str!("sample/iprcc-visit-2021-06-11.json");

/// The sample visit's id.
pub const SAMPLE_VISIT_ID: uuid::Uuid = uuid::uuid!("5a3f1c2e-0000-4000-8000-000000000021");

impl Service {
    pub async fn load_sample(&self) -> Result<ImportReport> {
        self.import_json(SAMPLE_JSON.as_bytes(), "sample").await
    }
}
