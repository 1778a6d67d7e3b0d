//! A browser for the desk, without the browser: a cookie jar, no automatic redirects (tests
//! look at each 303), and the anti-forgery token read from the last page, as a form would
//! carry it.

use std::sync::Arc;
use std::time::Duration;

use reqwest::blocking::{Client, Response};
use reqwest::cookie::{CookieStore, Jar};
use reqwest::redirect::Policy;
use reqwest::Url;

use super::TestApp;

pub struct DeskBrowser {
    pub base: String,
    pub client: Client,
    pub jar: Arc<Jar>,
    /// The `csrf` value of the last page fetched.
    pub csrf: String,
}

/// What came back: the status, where a redirect points, and the body.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub location: Option<String>,
    pub headers: reqwest::header::HeaderMap,
    pub body: String,
}

impl Answer {
    fn from(response: Response) -> Self {
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let location = headers.get("location").and_then(|v| v.to_str().ok()).map(str::to_owned);
        Self { status, location, headers, body: response.text().unwrap_or_default() }
    }

    /// The `value` of the form field `name` (the first on the page).
    pub fn field(&self, name: &str) -> Option<String> {
        let at = self.body.find(&format!("name=\"{name}\""))?;
        let tag_start = self.body[..at].rfind('<')?;
        let tag_end = self.body[at..].find('>')? + at;
        let tag = &self.body[tag_start..tag_end];
        let start = tag.find(" value=\"")? + " value=\"".len();
        let end = tag[start..].find('"')? + start;
        Some(tag[start..end].replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'"))
    }

    /// The text of the page's `<main>`, tags removed and whitespace collapsed, for assertions
    /// on what a person reads.
    pub fn text(&self) -> String {
        let main = self.body.split("<main").nth(1).unwrap_or(&self.body);
        let mut text = String::new();
        let mut in_tag = false;
        for c in main.chars() {
            match c {
                '<' => in_tag = true,
                '>' => {
                    in_tag = false;
                    text.push(' ');
                }
                c if !in_tag => text.push(c),
                _ => {}
            }
        }
        let text = text.replace(['\u{2068}', '\u{2069}'], "");
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

impl DeskBrowser {
    pub fn new(app: &TestApp) -> Self {
        let jar = Arc::new(Jar::default());
        let client = Client::builder()
            .cookie_provider(jar.clone())
            .redirect(Policy::none())
            .timeout(Duration::from_secs(30))
            .build()
            .expect("HTTP client");
        Self { base: app.base.clone(), client, jar, csrf: String::new() }
    }

    /// A browser signed in as `email`.
    pub fn signed_in(app: &TestApp, email: &str, password: &str) -> Self {
        let mut browser = Self::new(app);
        let answer = browser.sign_in(email, password);
        assert_eq!(answer.status, 303, "signing in as {email}: {}", answer.text());
        browser
    }

    pub fn sign_in(&mut self, email: &str, password: &str) -> Answer {
        let form = self.get("/desk/login");
        assert_eq!(form.status, 200, "the sign-in form: {}", form.body);
        self.post("/desk/login", &[("email", email), ("password", password), ("next", "/desk/")])
    }

    pub fn get(&mut self, path: &str) -> Answer {
        let answer = Answer::from(self.client.get(format!("{}{path}", self.base)).send().expect("GET"));
        if let Some(token) = answer.field("csrf") {
            self.csrf = token;
        }
        answer
    }

    /// Posts `fields` with the token of the last page.
    pub fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> Answer {
        let csrf = self.csrf.clone();
        let mut all: Vec<(&str, &str)> = vec![("csrf", &csrf)];
        all.extend_from_slice(fields);
        self.post_raw(path, &all)
    }

    /// Posts exactly `fields`, no token added.
    pub fn post_raw(&mut self, path: &str, fields: &[(&str, &str)]) -> Answer {
        let body = serde_html_form::to_string(fields).expect("form");
        let answer = Answer::from(
            self.client
                .post(format!("{}{path}", self.base))
                .header("content-type", "application/x-www-form-urlencoded")
                .body(body)
                .send()
                .expect("POST"),
        );
        if let Some(token) = answer.field("csrf") {
            self.csrf = token;
        }
        answer
    }

    /// The cookie header the browser would send to the desk.
    pub fn cookies(&self) -> String {
        let url = Url::parse(&format!("{}/desk/", self.base)).expect("URL");
        self.jar.cookies(&url).and_then(|v| v.to_str().ok().map(str::to_owned)).unwrap_or_default()
    }
}
