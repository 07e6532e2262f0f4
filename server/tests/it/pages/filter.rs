//! The filter in the address, served by the server.
use super::*;

/// The filter is in the address: the server renders only the rows it lets
/// through, marks the matches and counts them; case, accents and
/// invisible characters do not matter.
#[apply(on_both_databases!)]
async fn the_filter_is_in_the_address(db: &TestDb) {
    let (base, client, _) = serve(db).await;
    let (_, body) = get(&client, &format!("{base}/api/get_register")).await;
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    // The right answers, computed here from the register's data.
    let sections = json["sections"].as_array().unwrap();
    let matching = |word: &str| -> usize {
        (0..sections.len()).map(|index| matching_in(sections, index, word)).sum()
    };
    let publikasi = matching("publikasi");
    assert!(publikasi > 1 && publikasi < 13, "{publikasi}");
    for query in
        ["publikasi", "PUBLIKASI", "P%C3%BAblikasi", "publi%E2%80%8Bkasi", "%20publikasi%20"]
    {
        let (status, html) = get(&client, &format!("{base}/?q={query}")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(html.matches("<tr data-row-id=").count(), publikasi, "{query}");
        assert!(html.contains(&format!("{publikasi} dari 13 risiko")), "{query}");
        assert!(html.contains("<mark>publikasi</mark>") || html.contains("<mark>Publikasi</mark>"));
    }
    // Every word must match; the Bagian's name counts.
    let (_, html) = get(&client, &format!("{base}/?q=protokol+tamu")).await;
    assert_eq!(html.matches("<tr data-row-id=").count(), 1);
    // The rows of the chosen Bagian, all of them; two Bagian: both.
    let protokol = sections[1]["bagian_id"].as_i64().unwrap();
    let materi = sections[2]["bagian_id"].as_i64().unwrap();
    let (_, html) = get(&client, &format!("{base}/?bagian={protokol}")).await;
    assert_eq!(html.matches("<tr data-row-id=").count(), 4);
    assert!(html.contains("4 dari 13 risiko"));
    assert!(html.contains(r#"<td rowspan="4" class="cell-no">2</td>"#), "the printed No stays");
    let (_, html) =
        get(&client, &format!("{base}/?bagian={protokol}&bagian={materi}&q=pimpinan")).await;
    let expected = matching_in(sections, 1, "pimpinan") + matching_in(sections, 2, "pimpinan");
    assert!(expected > 0 && expected < 9, "both filters apply: {expected}");
    assert_eq!(html.matches("<tr data-row-id=").count(), expected);
    // Nothing matches: said so; a hostile search is only text.
    let (status, html) =
        get(&client, &format!("{base}/?q=%3Cscript%3Ealert(1)%3C/script%3E")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(html.matches("<tr data-row-id=").count(), 0);
    assert!(html.contains("Tidak ada risiko yang cocok"));
    assert!(!html.contains("<script>alert(1)"));
    assert!(
        html.contains(r#"value="&lt;script&gt;alert(1)&lt;/script&gt;""#),
        "the box keeps the search"
    );
    // Malformed parts are ignored, never an error.
    let (status, html) = get(&client, &format!("{base}/?bagian=x&bagian=999999")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(html.matches("<tr data-row-id=").count(), 0);
    let (_, html) = get(&client, &format!("{base}/?bagian=x")).await;
    assert_eq!(html.matches("<tr data-row-id=").count(), 13);
    assert!(html.contains(">13 risiko<"));
}

/// Rows of Bagian `index` that contain `word`.
fn matching_in(sections: &[serde_json::Value], index: usize, word: &str) -> usize {
    let section = &sections[index];
    let name = section["name"].as_str().unwrap().to_lowercase();
    section["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|row| {
            name.contains(word)
                || ["aktivitas", "potensi", "penyebab", "dampak", "rencana"]
                    .iter()
                    .any(|cell| row[*cell].as_str().unwrap().to_lowercase().contains(word))
        })
        .count()
}
