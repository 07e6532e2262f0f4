use super::*;

fn date(text: &str) -> NaiveDate {
    parse_date(text).unwrap()
}

#[test]
fn bpkp_matrix_rates_every_cell_with_its_score_and_level() {
    let matrix = Matrix::bpkp();
    // Corners and the level boundaries of BPKP's bands.
    let expected = [
        (1, 1, 1, Level::SangatRendah),
        (1, 3, 5, Level::SangatRendah),
        (4, 1, 6, Level::Rendah),
        (3, 2, 10, Level::Rendah),
        (2, 3, 11, Level::Sedang),
        (5, 2, 15, Level::Sedang),
        (4, 3, 16, Level::Tinggi),
        (4, 4, 19, Level::Tinggi),
        (1, 5, 20, Level::SangatTinggi),
        (5, 5, 25, Level::SangatTinggi),
    ];
    for (l, i, score, level) in expected {
        let rating = matrix.rate(l, i).unwrap();
        assert_eq!((rating.score, rating.level), (score, level), "L{l} × D{i}");
    }
    let mut scores: Vec<u8> = matrix.cells().map(|(_, _, score, _)| score).collect();
    scores.sort_unstable();
    assert_eq!(scores, (1..=25).collect::<Vec<_>>());
}

#[test]
fn scores_rise_with_likelihood_and_impact() {
    let matrix = Matrix::bpkp();
    for l in 1..=5 {
        for i in 1..=5 {
            let here = matrix.rate(l, i).unwrap().score;
            if l < 5 {
                assert!(matrix.rate(l + 1, i).unwrap().score > here);
            }
            if i < 5 {
                assert!(matrix.rate(l, i + 1).unwrap().score > here);
            }
        }
    }
}

#[test]
fn level_bands_at_every_boundary() {
    for (score, level) in [
        (5, Level::SangatRendah),
        (6, Level::Rendah),
        (10, Level::Rendah),
        (11, Level::Sedang),
        (15, Level::Sedang),
        (16, Level::Tinggi),
        (19, Level::Tinggi),
        (20, Level::SangatTinggi),
    ] {
        assert_eq!(bpkp_level(score), level, "score {score}");
    }
}

#[test]
fn outside_the_scale_there_is_no_rating() {
    let matrix = Matrix::bpkp();
    for (l, i) in [(0, 1), (1, 0), (6, 1), (1, 6)] {
        assert_eq!(matrix.rate(l, i), None);
    }
}

#[test]
fn stored_matrix_round_trips_and_bad_ones_are_refused() {
    let cells: Vec<(i16, i16, i16, i16)> = Matrix::bpkp()
        .cells()
        .map(|(l, i, s, level)| (l.into(), i.into(), s.into(), level.code()))
        .collect();
    assert_eq!(Matrix::from_cells(&cells), Ok(Matrix::bpkp()));
    assert!(Matrix::from_cells(&cells[1..]).is_err(), "a cell missing");
    let mut twice = cells.clone();
    twice[1] = twice[0];
    assert!(Matrix::from_cells(&twice).is_err(), "a cell twice");
    let mut lowered = cells.clone();
    let top = lowered.iter_mut().find(|cell| cell.2 == 25).unwrap();
    top.3 = 1;
    assert_eq!(
        Matrix::from_cells(&lowered),
        Err(FieldError::new(Field::Matrix, FieldProblem::LevelsOutOfOrder))
    );
}

#[test]
fn levels_can_move_but_never_fall_as_scores_rise() {
    let matrix = Matrix::bpkp();
    // Score 16 to "Sedang": 11–16 medium now.
    let moved = matrix.with_levels(&[(16, Level::Sedang)]).unwrap();
    assert_eq!(moved.rate(4, 3).unwrap().level, Level::Sedang);
    assert_eq!(moved.rate(4, 4).unwrap().level, Level::Tinggi);
    // Score 12 to "Tinggi" while 13 stays "Sedang": out of order.
    assert_eq!(
        matrix.with_levels(&[(12, Level::Tinggi)]),
        Err(FieldError::new(Field::Matrix, FieldProblem::LevelsOutOfOrder))
    );
    assert!(matrix.with_levels(&[(26, Level::Tinggi)]).is_err());
}

#[test]
fn assessment_values_parse_with_their_limits() {
    use Field::*;
    assert_eq!(parse_assessment(InherentLikelihood, " 3 "), Ok(Value::Number(3)));
    assert_eq!(parse_assessment(InherentLikelihood, ""), Ok(Value::None));
    for bad in ["0", "6", "2.5", "tiga", "-1"] {
        assert_eq!(
            parse_assessment(ResidualImpact, bad),
            Err(FieldError::new(ResidualImpact, FieldProblem::OutOfRange { min: 1, max: 5 })),
            "{bad}"
        );
    }
    assert_eq!(
        parse_assessment(TargetQuarter, "5"),
        Err(FieldError::new(TargetQuarter, FieldProblem::OutOfRange { min: 1, max: 4 }))
    );
    assert_eq!(parse_assessment(TargetDate, "2026-06-30"), Ok(Value::Date(date("2026-06-30"))));
    for bad in ["2026-02-30", "30/06/2026", "1999-12-31", "2026-6-3x"] {
        assert_eq!(
            parse_assessment(TargetDate, bad),
            Err(FieldError::new(TargetDate, FieldProblem::InvalidDate)),
            "{bad}"
        );
    }
    assert_eq!(parse_assessment(Nature, "aktual"), Ok(Value::Text("aktual".into())));
    assert!(parse_assessment(Nature, "Aktual!").is_err());
    assert_eq!(parse_assessment(RtpStatus, "selesai"), Ok(Value::Text("selesai".into())));
    assert!(parse_assessment(RtpStatus, "done").is_err());
    assert_eq!(parse_assessment(Source, "4"), Ok(Value::Number(4)));
    assert!(parse_assessment(Source, "0").is_err());
    let long = "a".repeat(MAX_SHORT_TEXT_CHARS + 1);
    assert_eq!(
        parse_assessment(Owner, &long),
        Err(FieldError::new(Owner, FieldProblem::TooLong { limit: 200 }))
    );
    assert!(parse_assessment(ExistingControl, &"kata ".repeat(700)).is_ok());
    assert!(matches!(
        parse_assessment(Jabatan, "Kepala\u{0}Bagian"),
        Err(FieldError { problem: FieldProblem::ControlCharacter { .. }, .. })
    ));
    assert_eq!(
        parse_assessment(Jabatan, "\u{200B} Kepala Bagian "),
        Ok(Value::Text("Kepala Bagian".into()))
    );
    assert!(parse_assessment(Aktivitas, "x").is_err(), "not an assessment field");
}

#[test]
fn realisation_values_at_their_limits() {
    use Field::*;
    let progress = |raw| parse_assessment(RealisationProgress, raw);
    assert_eq!(progress("100"), Ok(Value::Number(100)));
    assert_eq!(progress("1"), Ok(Value::Number(1)));
    assert_eq!(progress("0"), Ok(Value::None), "0 % is none reported");
    assert_eq!(progress(""), Ok(Value::None));
    let out =
        Err(FieldError::new(RealisationProgress, FieldProblem::OutOfRange { min: 0, max: 100 }));
    for wrong in ["101", "-1", "50%", "12.5", "١٠"] {
        assert_eq!(progress(wrong), out, "{wrong:?}");
    }
    let done = "d".repeat(MAX_REALISATION_CHARS);
    assert_eq!(parse_assessment(RealisationDone, &done), Ok(Value::Text(done.clone())));
    assert_eq!(
        parse_assessment(RealisationDone, &format!("{done}d")),
        Err(FieldError::new(RealisationDone, FieldProblem::TooLong { limit: 2_000 }))
    );
    assert_eq!(
        parse_assessment(RealisationEvidence, &"e".repeat(MAX_EVIDENCE_CHARS + 1)),
        Err(FieldError::new(RealisationEvidence, FieldProblem::TooLong { limit: 1_000 }))
    );
    assert!(matches!(
        parse_assessment(RealisationEvidence, "https://a.b/\u{202E}fdp.exe"),
        Err(FieldError { problem: FieldProblem::ControlCharacter { .. }, .. })
    ));
    for (quarter, ok) in [(0, false), (1, true), (4, true), (5, false), (-1, false)] {
        assert_eq!(parse_quarter(quarter).is_ok(), ok, "quarter {quarter}");
    }
    assert_eq!(
        parse_quarter(256),
        Err(FieldError::new(Quarter, FieldProblem::OutOfRange { min: 1, max: 4 }))
    );
}

#[test]
fn source_names_are_present_one_line_and_limited() {
    assert_eq!(parse_source_name("  Hubungan\nkeluarga \u{200B}"), Ok("Hubungan keluarga".into()));
    let error = |problem| Err(FieldError::new(Field::Source, problem));
    assert_eq!(parse_source_name(" \u{200B} "), error(FieldProblem::Required));
    let long = "n".repeat(MAX_SOURCE_NAME_CHARS + 1);
    assert_eq!(parse_source_name(&long), error(FieldProblem::TooLong { limit: 200 }));
    assert!(parse_source_name(&long[1..]).is_ok());
    assert!(matches!(
        parse_source_name("Bisnis\u{1B}[31m"),
        Err(FieldError { problem: FieldProblem::ControlCharacter { .. }, .. })
    ));
}

#[test]
fn evidence_is_a_link_only_when_it_is_a_web_address() {
    assert_eq!(
        evidence_link("https://jdih.kaltimprov.go.id/sk/12"),
        Some("https://jdih.kaltimprov.go.id/sk/12")
    );
    assert!(evidence_link("HTTP://intranet/notulen.pdf").is_some());
    for note in [
        "javascript:alert(1)",
        "data:text/html,<b>x</b>",
        "https://",
        "https://a.b/dua kata",
        "Notulen rapat 12 Maret",
        "ftp://server/berkas",
        "",
    ] {
        assert_eq!(evidence_link(note), None, "{note:?}");
    }
}

#[test]
fn due_dates_and_overdue_at_the_boundaries() {
    assert_eq!(due_date(None, Some(2), 2026), Some(date("2026-06-30")));
    assert_eq!(due_date(None, Some(4), 2026), Some(date("2026-12-31")));
    assert_eq!(due_date(Some(date("2026-05-01")), Some(4), 2026), Some(date("2026-05-01")));
    assert_eq!(due_date(None, None, 2026), None);
    let due = Some(date("2026-06-30"));
    let open = Some(RtpStatus::DalamProses);
    assert!(!is_overdue(due, open, date("2026-06-30")), "due today is not overdue");
    assert!(is_overdue(due, open, date("2026-07-01")));
    assert!(is_overdue(due, None, date("2026-07-01")), "no status is not done");
    assert!(!is_overdue(due, Some(RtpStatus::Selesai), date("2027-01-01")));
    assert!(!is_overdue(None, open, date("2027-01-01")));
}

#[test]
fn residual_never_above_inherent() {
    let matrix = Matrix::bpkp();
    let (high, low) = (matrix.rate(4, 4), matrix.rate(2, 2));
    assert_eq!(check_residual(Field::ResidualImpact, high, low), Ok(()));
    assert_eq!(check_residual(Field::ResidualImpact, high, high), Ok(()));
    assert_eq!(
        check_residual(Field::ResidualImpact, low, high),
        Err(FieldError::new(
            Field::ResidualImpact,
            FieldProblem::AboveInherent { inherent: 7, residual: 19 }
        ))
    );
    assert_eq!(check_residual(Field::InherentImpact, None, high), Ok(()));
}

#[cfg(feature = "ssr")]
#[test]
fn today_is_the_date_in_makassar() {
    use chrono::TimeZone;
    // 16:30 UTC is 00:30 the next day in WITA (UTC+8).
    let late = chrono::Utc.with_ymd_and_hms(2026, 6, 30, 16, 30, 0).unwrap();
    assert_eq!(today_in_makassar(late), date("2026-07-01"));
    let early = chrono::Utc.with_ymd_and_hms(2026, 6, 30, 15, 59, 0).unwrap();
    assert_eq!(today_in_makassar(early), date("2026-06-30"));
}
