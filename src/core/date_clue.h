// What a date written in an article says about the day when it cannot be resolved to a calendar
// date (the article gives no year and has no published date): "December 20" is month 12, day 20;
// "on Sunday" is weekday 0; "in 2023" elsewhere bounds the year. Merge uses it to tell undated
// reports of one site apart.
#pragma once

namespace sitrep {

struct DateClue {
  int month = 0;     // 1-12, 0 when not given
  int day = 0;       // 1-31, 0 when not given
  int weekday = -1;  // 0 = Sunday, -1 when not given
  // The latest year the article writes anywhere ("since October 2023", "the 2024 strikes"), 0
  // when none: an attack reported with no date of its own is no older than the newest year its
  // article knows of. It bounds the day; it does not name it, so empty() ignores it.
  int year_at_least = 0;
  bool empty() const { return month == 0 && weekday < 0; }
  bool operator==(const DateClue&) const = default;
};

}  // namespace sitrep
