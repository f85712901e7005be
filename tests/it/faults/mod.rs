//! Faults of the machine under Tandem — a disk that fills up, a database server that drops
//! its connections or starts late, clients that are slow or stuck, a stop in the middle of
//! work — and what Tandem promises about each (docs/RELIABILITY.md).

mod disk;
mod process;
mod shutdown;
mod slow_clients;
mod startup;
mod storage;
