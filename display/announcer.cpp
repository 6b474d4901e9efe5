#include "announcer.hpp"

#include "number_words.hpp"

namespace antre::display {

void advance_announcements(BoardState& state, AnnouncementPlayer& player, Millis now) {
    if (state.announcing && !player.busy()) finish_announcement(state);
    if (state.announcing) return;
    if (const auto call = start_announcement(state, now))
        player.play(call_phrases(call->label, call->counter, call->recall));
}

}  // namespace antre::display
