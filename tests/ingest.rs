//! End-to-end tests of ingest and sentence splitting: the binary over small
//! fixtures, and the Golden Rules benchmark (ignored: it reads ../shared).

#[path = "ingest/cli.rs"]
mod cli;
#[path = "ingest/fixtures.rs"]
mod fixtures;
#[path = "ingest/golden.rs"]
mod golden;
#[path = "ingest/handmade.rs"]
mod handmade;
#[path = "ingest/props.rs"]
mod props;
