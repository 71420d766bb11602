//! Black-box API tests: each test spawns the real application on port 0 with a fresh database
//! (in-memory SQLite, or a new PostgreSQL database when `QIFU_TEST_DATABASE_URL` is set) and a
//! manual clock. One test binary, one module per domain.
#![allow(clippy::unwrap_used, clippy::expect_used)]
#![recursion_limit = "256"]

mod accounts;
mod applications;
mod audit;
mod auth;
mod authorization;
mod bulk;
mod calendar;
mod cli;
mod client_types;
mod conditions;
mod credit;
mod enterprises;
mod errors;
mod files;
mod hardening;
mod helpers;
mod marketplace;
mod marketplace_demo;
mod marketplace_queries;
mod notifications;
mod openapi_conformance;
mod opendata;
mod operations;
mod policies;
mod push;
mod qualifications;
mod scheduler;
mod sealed_bids;
mod search;
mod services;
mod text;
