use super::*;
use crate::rules::{Field, FieldError, FieldProblem};

#[test]
fn locales_round_trip_and_default_to_indonesian() {
    assert_eq!(Locale::default(), Locale::Id);
    for locale in Locale::ALL {
        assert_eq!(Locale::from_tag(locale.tag()), Some(locale));
        assert_eq!(locale.other().other(), locale);
    }
    assert_eq!(Locale::from_tag("fr"), None);
}

#[test]
fn field_errors_name_field_and_limit_in_each_language() {
    let error =
        FieldError { field: Field::Rencana, problem: FieldProblem::TooLong { limit: 4000 } };
    assert_eq!(
        Locale::Id.strings().field_error(error),
        "Rencana Tindak Pengendalian terlalu panjang: paling banyak 4.000 karakter."
    );
    assert_eq!(
        Locale::En.strings().field_error(error),
        "Planned Control Action is too long: at most 4,000 characters."
    );
}

#[test]
fn every_problem_names_its_field() {
    let problems = [
        FieldProblem::Required,
        FieldProblem::TooLong { limit: 4000 },
        FieldProblem::TooManyBytes { limit: 20000 },
        FieldProblem::ControlCharacter { code_point: 0, position: 3 },
        FieldProblem::InvalidCode,
        FieldProblem::UnknownValue,
        FieldProblem::Duplicate,
        FieldProblem::NotEmpty { rows: 3 },
        FieldProblem::OutOfRange { min: 1, max: 5 },
        FieldProblem::InvalidDate,
        FieldProblem::AboveInherent { inherent: 7, residual: 19 },
        FieldProblem::LevelsOutOfOrder,
        FieldProblem::InvalidNip { digits: 18 },
    ];
    for locale in Locale::ALL {
        for problem in problems {
            let message =
                locale.strings().field_error(FieldError { field: Field::Penyebab, problem });
            let name = locale.strings().field_name(Field::Penyebab);
            assert!(message.starts_with(name), "{message}");
        }
    }
    assert_eq!(
        Locale::Id.strings().field_error(FieldError {
            field: Field::Penyebab,
            problem: FieldProblem::ControlCharacter { code_point: 0, position: 3 }
        }),
        "Penyebab Utama berisi karakter kendali U+0000 pada karakter ke-3; hapus karakter itu."
    );
}

#[test]
fn groups_thousands() {
    assert_eq!(group_thousands(7, '.'), "7");
    assert_eq!(group_thousands(4000, '.'), "4.000");
    assert_eq!(group_thousands(1234567, ','), "1,234,567");
}
