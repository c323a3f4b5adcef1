// Casualty figures in one sentence: who was killed or injured, and how many, read from the
// clause around each casualty word ("Two US service members and a British soldier were
// killed", "wounding eight contractors and a US service member", "no US troops were hurt").
#pragma once

#include <vector>

#include "extract/sentence_view.h"

namespace sitrep::extract {

struct CasualtyFigure {
  bool killed = false;  // else injured
  int value = 0;        // 0 for "no US troops were hurt", "none of the guards"
  // A zero about some of the people ("no US troops were hurt"), which a count of others may
  // still follow; "no casualties" and "no one was hurt" are about everyone.
  bool restricted = false;
  std::size_t token = 0;  // the casualty word's token in the sentence
  // A zero of the dead read from "no injuries": it holds only where no death is told at all.
  bool from_injuries = false;
  // "the death toll rose to three": an update, which replaces a lower figure told before it.
  bool risen = false;
};

// The figures a sentence states about the victims of an attack. Figures about attackers
// ("killing two militants") and figures an attacker asserted ("claimed, without evidence, that
// dozens of Americans died") are left out.
std::vector<CasualtyFigure> casualty_figures(const SentenceView& v);

}  // namespace sitrep::extract
