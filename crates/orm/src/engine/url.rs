//! Database URLs as `create_engine()` takes them.

use crate::error::{Error, Result};
use serde::Serialize;
use std::fmt;

/// A parsed `sqlite` URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Url {
    text: String,
    driver: Option<String>,
    database: Option<String>,
}

impl Url {
    /// Parses `sqlite://`, `sqlite:///:memory:`, `sqlite+pysqlite:///name.db` and the like.
    ///
    /// # Failure
    /// [`Error::ArgumentError`] when the text is not a URL (SQLAlchemy's wording);
    /// [`Error::NoSuchModuleError`] for any backend but SQLite, saying what Retort supports.
    pub fn parse(text: &str) -> Result<Self> {
        let Some((scheme, rest)) = text.split_once("://") else {
            return Err(Error::ArgumentError(format!(
                "Could not parse SQLAlchemy URL from given URL string {text:?}"
            )));
        };
        let (backend, driver) = match scheme.split_once('+') {
            Some((b, d)) => (b, Some(d.to_owned())),
            None => (scheme, None),
        };
        if backend != "sqlite" {
            return Err(Error::NoSuchModuleError(format!(
                "Can't load plugin: sqlalchemy.dialects:{scheme}. Retort runs SQLite only, in memory in \
                 the browser: use \"sqlite://\", \"sqlite:///:memory:\" or \"sqlite:///name.db\"."
            )));
        }
        if let Some(d) = driver.as_deref().filter(|d| *d != "pysqlite") {
            return Err(Error::NoSuchModuleError(format!(
                "Can't load plugin: sqlalchemy.dialects:sqlite.{d}. Retort's SQLite driver is pysqlite."
            )));
        }
        let path = rest.split_once('?').map_or(rest, |(p, _)| p);
        let database = match path.strip_prefix('/') {
            None if path.is_empty() => None,
            None => {
                return Err(Error::ArgumentError(format!(
                    "Invalid SQLite URL: {text}\nValid SQLite URL forms are:\n sqlite:///:memory: (or, sqlite://)\n sqlite:///relative/path/to/file.db\n sqlite:////absolute/path/to/file.db"
                )));
            }
            Some("" | ":memory:") => None,
            Some(file) => Some(file.to_owned()),
        };
        Ok(Url {
            text: text.to_owned(),
            driver,
            database,
        })
    }

    /// The database file, or `None` for a private in-memory database.
    pub fn database(&self) -> Option<&str> {
        self.database.as_deref()
    }
}

impl fmt::Display for Url {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn sqlite_urls() {
        assert_eq!(
            Url::parse("sqlite://").map(|u| u.database.clone()),
            Ok(None)
        );
        assert_eq!(
            Url::parse("sqlite:///:memory:").map(|u| u.database.clone()),
            Ok(None)
        );
        assert_eq!(
            Url::parse("sqlite+pysqlite:///test.sqlite3").map(|u| u.database.clone()),
            Ok(Some("test.sqlite3".to_owned()))
        );
    }

    #[test]
    fn other_backends_are_refused_with_what_retort_supports() {
        let err = Url::parse("postgresql://scott:tiger@localhost/test").err();
        let Some(Error::NoSuchModuleError(message)) = err else {
            panic!("got {err:?}")
        };
        assert!(
            message.contains("sqlalchemy.dialects:postgresql"),
            "{message}"
        );
        assert!(message.contains("Retort runs SQLite only"), "{message}");
        assert!(matches!(
            Url::parse("not a url"),
            Err(Error::ArgumentError(_))
        ));
        assert!(matches!(
            Url::parse("sqlite://host/db"),
            Err(Error::ArgumentError(_))
        ));
    }
}
