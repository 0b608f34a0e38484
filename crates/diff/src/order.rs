//! Which matched rows moved: those outside the longest run that keeps its
//! relative order.

/// Given the new indexes of matched items listed in old order, the
/// positions (into `new_indexes`) that are *not* in a longest increasing
/// subsequence, i.e. the items that moved.
pub fn moved(new_indexes: &[usize]) -> Vec<usize> {
    let n = new_indexes.len();
    // tails[k]: index (into new_indexes) of the smallest tail of an
    // increasing run of length k+1.
    let mut tails: Vec<usize> = Vec::new();
    let mut prev: Vec<Option<usize>> = vec![None; n];
    for i in 0..n {
        let v = new_indexes[i];
        let k = tails.partition_point(|&t| new_indexes[t] < v);
        prev[i] = k.checked_sub(1).map(|p| tails[p]);
        if k == tails.len() {
            tails.push(i);
        } else {
            tails[k] = i;
        }
    }
    let mut keep = vec![false; n];
    let mut cur = tails.last().copied();
    while let Some(i) = cur {
        keep[i] = true;
        cur = prev[i];
    }
    (0..n).filter(|&i| !keep[i]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moved_items() {
        assert!(moved(&[0, 1, 2]).is_empty());
        assert_eq!(moved(&[1, 0, 2]), vec![0]);
        assert_eq!(moved(&[0, 2, 1, 3]), vec![1]);
        assert_eq!(moved(&[3, 0, 1, 2]), vec![0]);
        assert!(moved(&[]).is_empty());
    }
}
