//! What a visa invitation letter needs about a traveller: the passport's
//! data, their relationship to the inviting institution and who pays.
//!
//! Passport data is sensitive, so Liaison keeps it narrowly:
//! - only for someone on a visit who needs a visa letter for it (a record
//!   per visit and person, removed with the participant or the visit);
//! - deleted for a whole visit in one step once it is over
//!   ([`Service::purge_visa_details`]);
//! - never written to a calendar file or a JSON export, and never copied
//!   into the history, which records that it changed but not what it was;
//! - in team mode, not readable by viewers.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::error::Problems;
use crate::error::{Error, Result};
use crate::model::{Change, Entity, HistoryAction};
use crate::problem::Problem;
use crate::storage::NewHistory;
use crate::validate::{line, MAX_LINE};
use crate::Service;

/// The sex as a passport prints it (ICAO 9303: F, M, or X unspecified).
pub const GENDERS: [&str; 3] = ["F", "M", "X"];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct VisaDetails {
    pub visit_id: Uuid,
    pub person_id: Uuid,
    /// The full name exactly as the passport prints it.
    pub passport_name: String,
    /// F, M or X.
    pub gender: String,
    pub nationality: String,
    pub date_of_birth: NaiveDate,
    pub passport_number: String,
    pub passport_expiry: Option<NaiveDate>,
    /// Who they are to the inviting institution ("Deputy Director General
    /// of a partner centre").
    pub relationship: String,
    /// Who pays for what ("The host covers accommodation and local
    /// transport; the guest, international travel").
    pub expenses: String,
    pub revision: u32,
}

/// As a form or the command line gives it: dates as "YYYY-MM-DD".
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export)]
pub struct VisaInput {
    pub passport_name: String,
    pub gender: String,
    pub nationality: String,
    pub date_of_birth: String,
    pub passport_number: String,
    pub passport_expiry: String,
    pub relationship: String,
    pub expenses: String,
}

impl VisaInput {
    /// Checked: every problem at once, by field.
    fn validate(&self, visit_id: Uuid, person_id: Uuid, visit_end: NaiveDate, today: NaiveDate) -> Result<VisaDetails> {
        let mut p = Problems::new();
        let passport_name = line(&mut p, "passport_name", &self.passport_name, MAX_LINE, true);
        let gender = self.gender.trim().to_uppercase();
        if !GENDERS.contains(&gender.as_str()) {
            let choices = GENDERS.join(", ");
            p.push("gender", Problem::NotOneOf { value: self.gender.trim().to_owned(), choices });
        }
        let nationality = line(&mut p, "nationality", &self.nationality, MAX_LINE, true);
        let date_of_birth = match crate::time::parse_date(&self.date_of_birth) {
            _ if self.date_of_birth.trim().is_empty() => {
                p.push("date_of_birth", Problem::Required);
                None
            }
            Ok(d) if d >= today => {
                p.push("date_of_birth", Problem::BornAfterToday);
                None
            }
            Ok(d) => Some(d),
            Err(e) => {
                p.push("date_of_birth", e);
                None
            }
        };
        // Passports print the number in capitals; spaces are a typing habit.
        let passport_number: String =
            self.passport_number.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_uppercase();
        if passport_number.is_empty() {
            p.push("passport_number", Problem::Required);
        } else if !(5..=20).contains(&passport_number.len())
            || !passport_number.chars().all(|c| c.is_ascii_alphanumeric())
        {
            p.push("passport_number", Problem::NotPassportNumber { value: self.passport_number.trim().to_owned() });
        }
        let passport_expiry = match self.passport_expiry.trim() {
            "" => None,
            text => match crate::time::parse_date(text) {
                Ok(d) if d < visit_end => {
                    p.push("passport_expiry", Problem::PassportExpiresFirst { end: visit_end.to_string() });
                    None
                }
                Ok(d) => Some(d),
                Err(e) => {
                    p.push("passport_expiry", e);
                    None
                }
            },
        };
        let relationship = line(&mut p, "relationship", &self.relationship, MAX_LINE, false);
        let expenses = line(&mut p, "expenses", &self.expenses, MAX_LINE, false);
        p.finish(|| ())?;
        Ok(VisaDetails {
            visit_id,
            person_id,
            passport_name,
            gender,
            nationality,
            date_of_birth: date_of_birth.unwrap_or_default(),
            passport_number,
            passport_expiry,
            relationship,
            expenses,
            revision: 0,
        })
    }
}

/// The history's note of a change to someone's visa details: that it
/// happened, never the values.
fn noted(entity: Entity, entity_id: Uuid, visit_id: Uuid, label: String) -> NewHistory {
    NewHistory {
        entity,
        entity_id,
        visit_id: Some(visit_id),
        label,
        action: HistoryAction::Changed,
        changes: vec![Change {
            field: "visa_details".into(),
            old: serde_json::Value::Null,
            new: serde_json::Value::Null,
            hidden: true,
        }],
    }
}

/// Notes in the history that someone's visa details changed.
async fn note_person(tx: &mut dyn crate::storage::Session, visit_id: Uuid, person_id: Uuid) -> Result<()> {
    let person = tx.person(person_id).await?;
    let label = crate::history::person_label(&person).to_owned();
    tx.append_history(&[noted(Entity::Participant, person_id, visit_id, label)]).await
}

impl Service {
    /// The visa details kept for visit `visit_id`, in the visit's order.
    pub async fn visa_details(&self, visit_id: Uuid) -> Result<Vec<VisaDetails>> {
        let mut c = self.read().await?;
        c.visit(visit_id).await?;
        c.visa_details(visit_id).await
    }

    /// Keeps (or replaces) what person `person_id`'s visa letter for visit
    /// `visit_id` needs, over revision `base` (0 for the first time). They
    /// must be on the visit.
    pub async fn save_visa_details(
        &self,
        visit_id: Uuid,
        person_id: Uuid,
        base: u32,
        input: &VisaInput,
    ) -> Result<VisaDetails> {
        let mut tx = self.write().await?;
        let visit = tx.visit(visit_id).await?;
        if tx.participant(visit_id, person_id).await?.is_none() {
            return Err(Error::invalid("person_id", Problem::NotParticipant { id: person_id.to_string() }));
        }
        let current = tx.visa_details(visit_id).await?.into_iter().find(|d| d.person_id == person_id);
        crate::service::based_on_latest("visa details", person_id, base, current.map_or(0, |d| d.revision))?;
        let end = NaiveDate::parse_from_str(visit.end_local.get(..10).unwrap_or(""), "%Y-%m-%d")
            .unwrap_or_else(|_| visit.ends_at.date_naive());
        let mut details = input.validate(visit_id, person_id, end, crate::time::today())?;
        details.revision = tx.save_visa_details(&details).await?;
        note_person(&mut *tx, visit_id, person_id).await?;
        tx.commit().await?;
        Ok(details)
    }

    /// Deletes person `person_id`'s visa details for the visit.
    pub async fn delete_visa_details(&self, visit_id: Uuid, person_id: Uuid) -> Result<()> {
        let mut tx = self.write().await?;
        if tx.delete_visa_details(visit_id, Some(person_id)).await? == 0 {
            return Err(Error::not_found("visa details", person_id));
        }
        note_person(&mut *tx, visit_id, person_id).await?;
        tx.commit().await
    }

    /// Deletes every passport detail kept for the visit, in one step (once
    /// the visit is over, the letters are sent and the data has no use).
    /// Returns how many people's details went.
    pub async fn purge_visa_details(&self, visit_id: Uuid) -> Result<u64> {
        let mut tx = self.write().await?;
        let visit = tx.visit(visit_id).await?;
        let gone = tx.delete_visa_details(visit_id, None).await?;
        if gone > 0 {
            tx.append_history(&[noted(Entity::Visit, visit_id, visit_id, visit.title.clone())]).await?;
        }
        tx.commit().await?;
        Ok(gone)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::SAMPLE_VISIT_ID;

    fn input() -> VisaInput {
        VisaInput {
            passport_name: "ZHANG HUIDONG".into(),
            gender: "m".into(),
            nationality: "China".into(),
            date_of_birth: "1970-03-14".into(),
            passport_number: "e 1234 5678".into(),
            passport_expiry: "2030-01-01".into(),
            relationship: "Deputy Director General of a partner centre".into(),
            expenses: "The host covers accommodation and local transport.".into(),
        }
    }

    async fn guest(s: &Service) -> Uuid {
        let d = s.visit_detail(SAMPLE_VISIT_ID).await.unwrap();
        d.participants.iter().find(|p| p.side == crate::model::Side::Guest).unwrap().person_id
    }

    #[tokio::test]
    async fn details_are_kept_checked_and_deleted_for_the_whole_visit_in_one_step() {
        let s = crate::testing::service().await;
        s.load_sample().await.unwrap();
        let zhang = guest(&s).await;
        let kept = s.save_visa_details(SAMPLE_VISIT_ID, zhang, 0, &input()).await.unwrap();
        assert_eq!((kept.gender.as_str(), kept.passport_number.as_str(), kept.revision), ("M", "E12345678", 1));
        assert_eq!(s.visa_details(SAMPLE_VISIT_ID).await.unwrap(), vec![kept.clone()]);

        // Every wrong field at once, by name, and nothing written.
        let wrong = VisaInput {
            passport_name: String::new(),
            gender: "Q".into(),
            date_of_birth: "2999-01-01".into(),
            passport_number: "12".into(),
            passport_expiry: "2021-06-01".into(),
            ..input()
        };
        let e = s.save_visa_details(SAMPLE_VISIT_ID, zhang, 1, &wrong).await.unwrap_err();
        let fields: Vec<&str> = e.field_errors().iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["passport_name", "gender", "date_of_birth", "passport_number", "passport_expiry"], "{e:?}");
        assert_eq!(s.visa_details(SAMPLE_VISIT_ID).await.unwrap(), vec![kept]);
        // Someone not on the visit.
        let e = s.save_visa_details(SAMPLE_VISIT_ID, Uuid::from_u128(5), 0, &input()).await.unwrap_err();
        assert_eq!(e.field_errors().first().map(|f| f.field.as_str()), Some("person_id"));

        // The history says it changed, and never what it was.
        let history = s.visit_history(SAMPLE_VISIT_ID, 20).await.unwrap();
        let text = serde_json::to_string(&history).unwrap();
        assert!(history.iter().any(|l| l.entry.changes.iter().any(|c| c.field == "visa_details")));
        assert!(!text.contains("E12345678") && !text.contains("1970-03-14"), "{text}");

        // Nor does a JSON export carry it.
        let export = s.export_json(crate::interchange::Scope::All).await.unwrap();
        assert!(!export.contains("E12345678") && !export.contains("ZHANG HUIDONG"));

        // One step deletes the visit's all.
        assert_eq!(s.purge_visa_details(SAMPLE_VISIT_ID).await.unwrap(), 1);
        assert!(s.visa_details(SAMPLE_VISIT_ID).await.unwrap().is_empty());
        assert_eq!(s.purge_visa_details(SAMPLE_VISIT_ID).await.unwrap(), 0);
    }

    #[tokio::test]
    async fn leaving_the_visit_takes_ones_passport_data_with_it() {
        let s = crate::testing::service().await;
        s.load_sample().await.unwrap();
        let zhang = guest(&s).await;
        s.save_visa_details(SAMPLE_VISIT_ID, zhang, 0, &input()).await.unwrap();
        s.remove_participant(SAMPLE_VISIT_ID, zhang).await.unwrap();
        assert!(s.visa_details(SAMPLE_VISIT_ID).await.unwrap().is_empty());
    }
}
