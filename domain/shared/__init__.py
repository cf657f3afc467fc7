"""What every part uses: clock, errors, deadline rows, geography, the update in hand, and the unit
of work and repository interfaces.
"""
