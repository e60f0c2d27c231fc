//! loom models of `proto_core::shapes`, the table of instance shapes that
//! every thread extends and reads at once: two threads adding the same
//! name to a shape get the same child; a thread that learns a shape's id
//! through a release/acquire store (as readers of an instance's shape word
//! do) finds that shape's whole record; a full table refuses new shapes
//! without disturbing existing ones; a collector's walk of the names sees
//! only complete records.
#![cfg(loom)]

use loom::sync::atomic::{AtomicU32, Ordering};
use loom::sync::Arc;
use loom::thread;
use loom_tests::model;
use proto_core::shapes::{ShapeTable, MAX_SHAPES};
use proto_core::Value;

const ROOT: u32 = 1;

fn name(i: i64) -> Value {
    Value::int(i)
}

#[test]
fn racing_transitions_agree_on_one_child() {
    model(3, || {
        let t = Arc::new(ShapeTable::new());
        let t2 = t.clone();
        let h = thread::spawn(move || t2.child(ROOT, name(7)).unwrap());
        let mine = t.child(ROOT, name(7)).unwrap();
        let theirs = h.join().unwrap();
        assert_eq!(mine, theirs);
        assert_eq!(t.names(mine), &[name(7)]);
    });
}

#[test]
fn an_id_published_by_a_store_names_a_complete_record() {
    model(3, || {
        let t = Arc::new(ShapeTable::new());
        // The instance's shape word.
        let word = Arc::new(AtomicU32::new(ROOT));
        let (t2, w2) = (t.clone(), word.clone());
        let h = thread::spawn(move || {
            let a = t2.child(ROOT, name(1)).unwrap();
            w2.store(a, Ordering::Release);
            let b = t2.child(a, name(2)).unwrap();
            w2.store(b, Ordering::Release);
        });
        for _ in 0..2 {
            let id = word.load(Ordering::Acquire);
            let names = t.names(id);
            let want: &[Value] = match names.len() {
                0 => &[],
                1 => &[name(1)],
                _ => &[name(1), name(2)],
            };
            assert_eq!(names, want);
            assert!(
                id == ROOT || !names.is_empty(),
                "id {id} without its record"
            );
        }
        h.join().unwrap();
    });
}

#[test]
fn a_full_table_refuses_new_shapes_and_keeps_the_old() {
    model(2, || {
        let t = Arc::new(ShapeTable::new());
        // Ids 0 and 1 exist: fill the rest but one.
        let mut last = ROOT;
        for i in 0..(MAX_SHAPES as i64 - 3) {
            last = t.child(ROOT, name(100 + i)).unwrap();
        }
        let t2 = t.clone();
        let h = thread::spawn(move || t2.child(ROOT, name(1)));
        let mine = t.child(ROOT, name(2));
        let theirs = h.join().unwrap();
        // One of the two got the last id, the other none.
        assert!(mine.is_some() != theirs.is_some());
        assert_eq!(mine.or(theirs), Some(MAX_SHAPES - 1));
        assert_eq!(t.names(last), &[name(100 + MAX_SHAPES as i64 - 4)]);
        assert_eq!(t.child(ROOT, name(100)), Some(2));
    });
}

#[test]
fn a_walk_of_the_names_sees_complete_records() {
    model(3, || {
        let t = Arc::new(ShapeTable::new());
        let t2 = t.clone();
        let h = thread::spawn(move || {
            let a = t2.child(ROOT, name(1)).unwrap();
            t2.child(a, name(2)).unwrap();
        });
        let mut seen = Vec::new();
        t.for_each_name(&mut |v| seen.push(v));
        assert!(seen.is_empty() || seen == [name(1)] || seen == [name(1), name(2)]);
        h.join().unwrap();
    });
}
