//! qifu (企服): the enterprise service centre's platform — policy matching, value-added
//! services, the intermediary supermarket (中介超市), five-star credit and the commissioners'
//! closed loop. This list of modules is the architecture at a glance.

// Platform
pub mod cli;
pub mod clock;
pub mod configuration;
pub mod dates;
pub mod db;
pub mod demo;
pub mod error;
pub mod frontend;
pub mod headers;
pub mod health;
pub mod lifecycle;
pub mod metrics;
pub mod openapi;
pub mod outbox;
pub mod pagination;
pub mod responses;
pub mod sheets;
pub mod startup;
pub mod telemetry;
pub mod text;

// Domains
pub mod accounts;
pub mod audit;
pub mod auth;
pub mod calendar;
pub mod credit;
pub mod enterprises;
pub mod files;
pub mod marketplace;
pub mod notifications;
pub mod opendata;
pub mod policies;
pub mod scheduler;
pub mod search;
pub mod services;
